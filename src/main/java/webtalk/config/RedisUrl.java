package webtalk.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * REDIS_URL, {@code redis://[[user]:password@]host[:port][/db]} (port 6379 and database 0 when
 * absent), as Redis's own clients read it. Kept as text for the client library, checked here so
 * that a typo stops the start with one line naming the setting.
 */
public record RedisUrl(String url, String host, int port, int database) {

    public static final int DEFAULT_PORT = 6379;

    /** @throws SettingsException naming REDIS_URL and what is wrong with it */
    public static RedisUrl parse(String text) {
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            throw invalid("not a URL");
        }
        if (!"redis".equals(uri.getScheme())) {
            throw invalid("it must start with redis://");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalid("no host");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        int database = 0;
        if (path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw invalid("the database after the host must be a number");
            }
        }
        return new RedisUrl(text.trim(), uri.getHost(), uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(), database);
    }

    /** Never prints a password. */
    @Override
    public String toString() {
        return "redis://" + host + ":" + port + "/" + database;
    }

    private static SettingsException invalid(String why) {
        return new SettingsException("REDIS_URL must look like redis://host:6379/0 (" + why + ")");
    }
}
