package webtalk.ops.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;

/** One {@link JsonLogger} per name, its level fixed when it is first asked for (as slf4j-simple does). */
final class JsonLoggers implements ILoggerFactory {

    private final ConcurrentMap<String, Logger> byName = new ConcurrentHashMap<>();
    private final LogLevels levels;
    private final JsonLines out;

    JsonLoggers(LogLevels levels, JsonLines out) {
        this.levels = levels;
        this.out = out;
    }

    @Override
    public Logger getLogger(String name) {
        return byName.computeIfAbsent(name, n -> new JsonLogger(n, levels.thresholdOf(n), out));
    }
}
