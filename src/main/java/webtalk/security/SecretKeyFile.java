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

    /** A generated key has 64; anything much shorter in the file is a mistake, not a key. */
    static final int MIN_LENGTH = 16;

    private SecretKeyFile() {
    }

    public static String resolve(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        Path file = dataDir.resolve("secret.key");
        try {
            if (Files.exists(file)) {
                String stored = stored(file);
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
            throw new IllegalStateException("cannot create the SECRET_KEY file " + file + " (" + e.getMessage()
                    + ") — let the user running WebTalk write to DATA_DIR, or set SECRET_KEY", e);
        }
    }

    /** The stored key, "" for an empty file (a new one is generated); unusable contents are refused, never replaced. */
    private static String stored(Path file) {
        String problem;
        try {
            String key = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (key.isEmpty() || key.length() >= MIN_LENGTH && key.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                return key;
            }
            problem = key.length() < MIN_LENGTH ? "shorter than " + MIN_LENGTH + " characters" : "it holds spaces or control characters";
        } catch (java.nio.charset.CharacterCodingException e) {
            problem = "not UTF-8 text";
        } catch (IOException e) {
            problem = "unreadable: " + (e.getMessage() == null ? e.toString() : e.getMessage());
        }
        throw new IllegalStateException("the SECRET_KEY file " + file + " is unusable (" + problem + ") — delete it to have a new"
                + " key generated (join tokens already handed out stop working), or set SECRET_KEY");
    }
}
