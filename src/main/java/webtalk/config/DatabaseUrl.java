package webtalk.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * DATABASE_URL as libpq writes it, {@code postgresql://user[:password]@host[:port]/database}
 * ({@code postgres://} too; port 5432 when absent), turned into what JDBC wants: the URL without
 * the credentials, and the user and password apart (so a password never sits in a logged URL).
 * User and password may be percent-encoded, as libpq allows.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

    public static final int DEFAULT_PORT = 5432;

    /** @throws SettingsException naming DATABASE_URL and what is wrong with it */
    public static DatabaseUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw invalid(text, "not a URL");
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
            throw invalid(text, "it must start with postgresql://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid(text, "no host");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw invalid(text, "no database name after the host");
        }
        String user = "postgres";
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        return new DatabaseUrl(uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database, user, password);
    }

    /** For pgjdbc: host, port and database only. */
    public String jdbcUrl() {
        String hostPart = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + hostPart + ":" + port + "/" + database;
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "postgresql://" + user + (password == null ? "" : ":***") + "@" + host + ":" + port + "/" + database;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static SettingsException invalid(String text, String why) {
        // The text may hold a password: it is not repeated.
        return new SettingsException("DATABASE_URL must look like postgresql://user:password@host:5432/database (" + why + ")");
    }
}
