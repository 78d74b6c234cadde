package dev.latchkey.functions.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The functions' SLF4J 2 binding (META-INF/services/org.slf4j.spi.SLF4JServiceProvider): every logger, Latchkey's and
 * the AWS SDK's, writes one JSON line per event on stdout ({@link JsonLine}), filtered by {@link LogSettings}.
 * It replaces Log4j 2 with Powertools' JSON layout and its XML configuration, which a function's cold start paid for
 * with about 1,160 more classes (docs/performance.md, "Logging"). No MDC: the invocation a line belongs to comes from
 * {@link RequestLog}.
 */
public final class JsonLogProvider implements SLF4JServiceProvider, ILoggerFactory {
    private static volatile LogSettings settings = LogSettings.from(System.getenv());

    private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();

    /** ServiceLoader's constructor. */
    public JsonLogProvider() {
    }

    static LogSettings settings() {
        return settings;
    }

    /** Replaces the settings (tests); returns the ones before. */
    static LogSettings install(LogSettings replacement) {
        LogSettings before = settings;
        settings = replacement;
        return before;
    }

    @Override
    public Logger getLogger(String name) {
        Logger logger = loggers.get(name);
        if (logger == null) {
            Logger created = new JsonLogger(name);
            logger = loggers.putIfAbsent(name, created);
            if (logger == null) {
                logger = created;
            }
        }
        return logger;
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return this;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }

    @Override
    public void initialize() {
        // nothing to set up: the settings are read with this class
    }
}
