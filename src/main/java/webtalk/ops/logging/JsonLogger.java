package webtalk.ops.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that hands each enabled event, its message formatted, to {@link JsonLines}. */
final class JsonLogger extends LegacyAbstractLogger {

    private final int threshold;
    private final transient JsonLines out;

    JsonLogger(String name, int threshold, JsonLines out) {
        this.name = name;
        this.threshold = threshold;
        this.out = out;
    }

    private boolean enabled(Level level) {
        return level.toInt() >= threshold;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        out.write(level, name, Thread.currentThread().getName(), MessageFormatter.basicArrayFormat(pattern, arguments), throwable);
    }
}
