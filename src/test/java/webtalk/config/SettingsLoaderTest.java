package webtalk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {

    @Test
    void defaultsMatchTheOriginalReadme() {
        Settings settings = new SettingsLoader(Map.of()).load();
        assertEquals(5000, settings.port());
        assertFalse(settings.debug());
        assertNull(settings.secretKey(), "no fixed fallback secret");
        assertNull(settings.adminPassword(), "no admin123");
    }

    @Test
    void environmentWinsOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("webtalk.properties");
        Files.writeString(file, "PORT=6000\nHOST=127.0.0.1\nDEBUG=true\nADMIN_PASSWORD=from-file\nDATA_DIR=/tmp/x\n");
        Settings settings = new SettingsLoader(Map.of("WEBTALK_CONFIG", file.toString(), "PORT", "7000",
                "ALLOWED_ORIGINS", "https://a.example, https://b.example")).load();
        assertEquals(7000, settings.port());
        assertEquals("127.0.0.1", settings.host());
        assertTrue(settings.debug());
        assertEquals("from-file", settings.adminPassword());
        assertEquals(Path.of("/tmp/x"), settings.dataDir());
        assertEquals(List.of("https://a.example", "https://b.example"), settings.allowedOrigins());
    }

    @Test
    void badValuesNameTheSetting() {
        assertTrue(assertThrows(SettingsException.class, () -> new SettingsLoader(Map.of("PORT", "abc")).load())
                .getMessage().contains("PORT"));
        assertTrue(assertThrows(SettingsException.class, () -> new SettingsLoader(Map.of("PORT", "70000")).load())
                .getMessage().contains("PORT"));
        assertTrue(assertThrows(SettingsException.class, () -> new SettingsLoader(Map.of("DEBUG", "maybe")).load())
                .getMessage().contains("DEBUG"));
        assertTrue(assertThrows(SettingsException.class, () -> new SettingsLoader(Map.of("WEBTALK_CONFIG", "/nonexistent/x")).load())
                .getMessage().contains("WEBTALK_CONFIG"));
    }

    @Test
    void secretsNeverAppearInToString() {
        Settings settings = Settings.defaults().withSecretKey("s3cr3t").withAdminPassword("hunter2");
        assertFalse(settings.toString().contains("s3cr3t"));
        assertFalse(settings.toString().contains("hunter2"));
    }
}
