package webtalk.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Enumeration;
import java.time.ZoneId;
import webtalk.admin.AuditLog;
import webtalk.admin.Statistics;
import webtalk.chat.ChatService;
import webtalk.security.AdminPassword;
import webtalk.security.AdminSessions;
import webtalk.security.Attempts;
import webtalk.security.ClientAddresses;

/** Everything the web side registers on Javalin: headers, errors, pages, the room API and the admin API. */
public final class WebApi {

    private final RoomRoutes rooms;
    private final AdminRoutes admin;
    private final ModerationRoutes moderation;
    private final RoomModerationRoutes roomModeration;
    private final DataRoutes data;
    private final PollRoutes polls;
    private final SearchRoutes search;
    private final OwnerRoutes owners;
    private final RoomQrRoutes qrCodes;
    private final OriginPolicy origins;
    private final ClientAddresses clientAddresses;
    private final ObjectMapper mapper;

    /** What the admin's data routes (backup, export, retention, reopen) need; {@code spoolDir} holds a backup while it is sent. */
    public record Data(java.util.Optional<webtalk.store.DatabaseBackup> backup, java.nio.file.Path spoolDir, webtalk.admin.RoomExport export,
                       webtalk.admin.Retention retention, java.time.Clock clock) {
    }

    public WebApi(ChatService chat, Statistics statistics, AuditLog audit, AdminPassword password, AdminSessions sessions,
                  Attempts loginFailures, OriginPolicy origins, ClientAddresses clientAddresses, ObjectMapper mapper,
                  ZoneId zone, Data data, webtalk.chat.Polls polls, webtalk.chat.RoomSearch search,
                  webtalk.chat.RoomOwners roomOwners) {
        this.mapper = mapper;
        JsonBodies bodies = new JsonBodies(mapper);
        this.rooms = new RoomRoutes(chat, bodies, zone, roomOwners);
        this.owners = new OwnerRoutes(chat, roomOwners, audit, bodies, data.export(), data.clock(), zone);
        this.admin = new AdminRoutes(chat, statistics, audit, password, sessions, loginFailures, bodies, clientAddresses);
        this.moderation = new ModerationRoutes(chat, audit, bodies, zone);
        this.roomModeration = new RoomModerationRoutes(chat.moderation(), audit, zone);
        this.data = new DataRoutes(chat, audit, bodies, data.backup(), data.spoolDir(), data.export(), data.retention(),
                data.clock(), zone);
        this.polls = new PollRoutes(polls);
        this.search = new SearchRoutes(search, zone);
        this.qrCodes = new RoomQrRoutes(chat, origins, clientAddresses);
        this.origins = origins;
        this.clientAddresses = clientAddresses;
    }

    public void install(JavalinConfig config) {
        config.http.maxRequestSize = JsonBodies.MAX_BODY_BYTES;
        // The one place the web side learns the client's address: every ctx.ip() (limits, audit) goes through it.
        config.contextResolver.ip = ctx -> clientAddresses.resolve(ctx.req().getRemoteAddr(), name -> allValues(ctx, name));
        JsonErrorHandler jettyErrors = new JsonErrorHandler(mapper);
        config.jetty.modifyServer(server -> server.setErrorHandler(jettyErrors));
        SecurityHeaders.install(config, origins);
        new Cors(origins).install(config);
        ErrorMapping.install(config);
        Pages.install(config);
        rooms.install(config);
        admin.install(config);
        moderation.install(config);
        roomModeration.install(config);
        data.install(config);
        polls.install(config);
        search.install(config);
        owners.install(config);
        qrCodes.install(config);
    }

    /** A header given more than once (a proxy may add its own line) is read as one comma-joined list. */
    static String allValues(Context ctx, String name) {
        Enumeration<String> values = ctx.req().getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return null;
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return first;
        }
        StringBuilder joined = new StringBuilder(first);
        while (values.hasMoreElements()) {
            joined.append(',').append(values.nextElement());
        }
        return joined.toString();
    }
}
