package webtalk.ops.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider behind {@code LOG_FORMAT=json}. Not listed in META-INF/services (slf4j-simple
 * stays the default); {@link LogFormat#install()} names it explicitly. WebTalk uses no MDC.
 */
public final class JsonLogProvider implements SLF4JServiceProvider {

    private ILoggerFactory loggers;
    private IMarkerFactory markers;

    /** Public with no arguments: SLF4J instantiates it reflectively. */
    public JsonLogProvider() {
    }

    @Override
    public void initialize() {
        loggers = new JsonLoggers(LogLevels.fromSimpleLoggerSettings(), new JsonLines(System.err, java.time.Clock.systemUTC()));
        markers = new BasicMarkerFactory();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return new NOPMDCAdapter();
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
