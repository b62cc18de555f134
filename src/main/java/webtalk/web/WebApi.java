package webtalk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import java.time.ZoneId;
import webtalk.admin.AuditLog;
import webtalk.admin.Statistics;
import webtalk.chat.ChatService;
import webtalk.security.AdminPassword;
import webtalk.security.AdminSessions;
import webtalk.security.AttemptLimiter;

/** Everything the web side registers on Javalin: headers, errors, pages, the room API and the admin API. */
public final class WebApi {

    private final RoomRoutes rooms;
    private final AdminRoutes admin;
    private final ModerationRoutes moderation;
    private final OriginPolicy origins;

    public WebApi(ChatService chat, Statistics statistics, AuditLog audit, AdminPassword password, AdminSessions sessions,
                  AttemptLimiter loginFailures, OriginPolicy origins, ObjectMapper mapper, ZoneId zone) {
        JsonBodies bodies = new JsonBodies(mapper);
        this.rooms = new RoomRoutes(chat, bodies, zone);
        this.admin = new AdminRoutes(chat, statistics, audit, password, sessions, loginFailures, bodies, false);
        this.moderation = new ModerationRoutes(chat, audit, bodies, zone);
        this.origins = origins;
    }

    public void install(JavalinConfig config) {
        config.http.maxRequestSize = JsonBodies.MAX_BODY_BYTES;
        SecurityHeaders.install(config, origins);
        ErrorMapping.install(config);
        Pages.install(config);
        rooms.install(config);
        admin.install(config);
        moderation.install(config);
    }
}
