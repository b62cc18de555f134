package webtalk.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * SECRET_KEY when the settings give none: generated once and kept in {@code DATA_DIR/secret.key}
 * (owner-only permissions), so join tokens stay valid across restarts. Never a fixed fallback.
 */
public final class SecretKeyFile {

    private SecretKeyFile() {
    }

    public static String resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dataDir.resolve("secret.key");
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String generated = HexFormat.of().formatHex(bytes);
            Files.createDirectories(dataDir);
            Files.writeString(file, generated, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions apply.
            }
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create " + file + ": " + e.getMessage(), e);
        }
    }
}
