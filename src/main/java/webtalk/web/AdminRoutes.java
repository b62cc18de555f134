package webtalk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import webtalk.admin.AuditLog;
import webtalk.admin.Statistics;
import webtalk.chat.ChatError;
import webtalk.chat.ChatException;
import webtalk.chat.ChatService;
import webtalk.chat.ChatSetting;
import webtalk.chat.ChatSettings;
import webtalk.contract.Fields;
import webtalk.security.AdminPassword;
import webtalk.security.AdminSessions;
import webtalk.security.ClientAddresses;
import webtalk.security.Attempts;

/**
 * The admin API. Every route but login/logout/sessao needs either the session cookie (and, on
 * state-changing requests, the matching {@code X-CSRF-Token}) or {@code Authorization: Bearer
 * <admin password>} for scripts. Every password check is throttled per address ({@link AdminPasswordCheck}).
 */
final class AdminRoutes {

    static final String COOKIE = "webtalk_admin";

    private final ChatService chat;
    private final Statistics statistics;
    private final AuditLog audit;
    private final AdminPassword password;
    private final AdminSessions sessions;
    private final AdminPasswordCheck passwordCheck;
    private final JsonBodies bodies;
    /** Whether the request came over HTTPS (the session cookie is then Secure). */
    private final ClientAddresses clientAddresses;

    AdminRoutes(ChatService chat, Statistics statistics, AuditLog audit, AdminPassword password, AdminSessions sessions,
                Attempts loginFailures, JsonBodies bodies, ClientAddresses clientAddresses) {
        this.chat = chat;
        this.statistics = statistics;
        this.audit = audit;
        this.password = password;
        this.sessions = sessions;
        this.passwordCheck = new AdminPasswordCheck(password::matches, loginFailures);
        this.bodies = bodies;
        this.clientAddresses = clientAddresses;
    }

    void install(JavalinConfig config) {
        config.routes.post("/api/admin/login", this::login);
        config.routes.post("/api/admin/logout", this::logout);
        config.routes.get("/api/admin/sessao", this::session);
        config.routes.before("/api/admin/*", this::guard);
        config.routes.get("/api/admin/estatisticas", ctx -> ctx.json(statistics.snapshot()));
        config.routes.delete("/api/admin/salas/{id}", this::deleteRoom);
        config.routes.get("/api/admin/configuracoes", ctx -> ctx.json(settingsPayload(chat.settings())));
        config.routes.post("/api/admin/configuracoes", this::updateSettings);
    }

    private void guard(Context ctx) {
        String path = ctx.path();
        if (path.equals("/api/admin/login") || path.equals("/api/admin/logout") || path.equals("/api/admin/sessao")) {
            return;
        }
        String bearer = Bearer.credentials(ctx.header("Authorization"));
        if (bearer != null) {
            checkBearer(ctx, bearer);
            return;
        }
        AdminSessions.Session session = sessions.find(ctx.cookie(COOKIE))
                .orElseThrow(() -> new ChatException(ChatError.UNAUTHORIZED));
        boolean changesState = !ctx.method().name().equals("GET") && !ctx.method().name().equals("HEAD");
        if (changesState && !sessions.csrfMatches(session, ctx.header("X-CSRF-Token"))) {
            throw new ChatException(ChatError.INVALID_CSRF);
        }
    }

    private void checkBearer(Context ctx, String presented) {
        if (!passwordCheck.matches(ctx.ip(), presented)) {
            throw new ChatException(ChatError.UNAUTHORIZED);
        }
    }

    private void login(Context ctx) {
        JsonNode body = bodies.object(ctx);
        if (!passwordCheck.matches(ctx.ip(), Fields.optionalText(body, "senha"))) {
            audit.record("login_recusado", null, null, null, ctx.ip());
            throw new ChatException(ChatError.WRONG_PASSWORD);
        }
        passwordCheck.loggedIn(ctx.ip());
        audit.record("login", null, null, null, ctx.ip());
        AdminSessions.Session session = sessions.open();
        Cookie cookie = new Cookie(COOKIE, session.id(), "/", (int) AdminSessions.IDLE_TIMEOUT.toSeconds(),
                clientAddresses.overHttps(ctx.req().isSecure(), ctx.req().getRemoteAddr(), name -> WebApi.allValues(ctx, name)),
                true, null, SameSite.STRICT);
        ctx.cookie(cookie);
        ctx.json(Map.of("ok", true, "csrf", session.csrf()));
    }

    private void logout(Context ctx) {
        sessions.close(ctx.cookie(COOKIE));
        ctx.removeCookie(COOKIE, "/");
        ctx.json(Map.of("ok", true));
    }

    private void session(Context ctx) {
        Optional<AdminSessions.Session> session = sessions.find(ctx.cookie(COOKIE));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("autenticado", session.isPresent());
        session.ifPresent(s -> answer.put("csrf", s.csrf()));
        ctx.json(answer);
    }

    private void deleteRoom(Context ctx) {
        chat.moderation().deleteRoom(ctx.pathParam("id"));
        audit.record("sala_excluida", ctx.pathParam("id"), null, null, ctx.ip());
        ctx.json(Map.of("mensagem", "Sala excluída com sucesso!"));
    }

    private void updateSettings(Context ctx) {
        JsonNode body = bodies.object(ctx);
        ChatSettings current = chat.settings();
        ChatSettings changed = ChatSetting.build(setting -> {
            Object given = setting.isFlag() ? Fields.optionalBoolean(body, setting.field()) : Fields.optionalInt(body, setting.field());
            return given == null ? setting.valueIn(current) : given;
        });
        changed.validate();
        String newPassword = Fields.optionalText(body, "senha_admin");
        boolean changesPassword = newPassword != null && !newPassword.isEmpty();
        if (changesPassword) {
            if (newPassword.length() < 8 || newPassword.length() > 256) {
                throw new ChatException(ChatError.SETTING_OUT_OF_RANGE, "senha_admin (caracteres)", 8, 256);
            }
            // Nothing is applied unless the current password is right: a stolen cookie cannot take over the panel.
            checkCurrentPassword(ctx, Fields.optionalText(body, "senha_atual"));
        }
        chat.updateSettings(changed);
        audit.record("configuracoes_alteradas", null, null, settingsPayload(changed).toString(), ctx.ip());
        if (changesPassword) {
            password.change(newPassword);
            // Every other session ends (a stolen cookie with it); Bearer callers need the new password from now on.
            sessions.closeAllExcept(sessions.find(ctx.cookie(COOKIE)).map(AdminSessions.Session::id).orElse(null));
            audit.record("senha_admin_alterada", null, null, null, ctx.ip());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mensagem", "Configurações salvas com sucesso!");
        answer.put("configuracoes", settingsPayload(changed));
        ctx.json(answer);
    }

    /** Throttled like a login (same key): guessing the current password through this route gains nothing. */
    private void checkCurrentPassword(Context ctx, String presented) {
        if (!passwordCheck.matches(ctx.ip(), presented)) {
            audit.record("senha_atual_recusada", null, null, null, ctx.ip());
            throw new ChatException(ChatError.WRONG_CURRENT_PASSWORD);
        }
    }

    static Map<String, Object> settingsPayload(ChatSettings s) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (ChatSetting setting : ChatSetting.values()) {
            payload.put(setting.field(), setting.valueIn(s));
        }
        return payload;
    }
}
