package webtalk.ops.logging;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.event.Level;

/**
 * Writes one JSON object per line: {@code timestamp} (ISO-8601 UTC), {@code level}, {@code logger},
 * {@code thread}, {@code message}, and {@code exception} (the stack trace) when there is one. A line
 * is built whole and printed with one call, so lines of different threads never interleave.
 */
final class JsonLines {

    private final PrintStream out;
    private final Clock clock;

    JsonLines(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    void write(Level level, String logger, String thread, String message, Throwable throwable) {
        StringBuilder line = new StringBuilder(160 + (message == null ? 0 : message.length()));
        line.append("{\"timestamp\":");
        string(line, Instant.now(clock).toString());
        line.append(",\"level\":");
        string(line, level.name());
        line.append(",\"logger\":");
        string(line, logger);
        line.append(",\"thread\":");
        string(line, thread);
        line.append(",\"message\":");
        string(line, message == null ? "" : message);
        if (throwable != null) {
            StringWriter trace = new StringWriter();
            throwable.printStackTrace(new PrintWriter(trace));
            line.append(",\"exception\":");
            string(line, trace.toString());
        }
        line.append('}');
        out.println(line);
    }

    /** A JSON string (RFC 8259 §7): quotes, backslashes and control characters escaped. */
    static void string(StringBuilder line, String text) {
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }
}
