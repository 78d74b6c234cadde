package dev.latchkey.functions.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * An SLF4J logger that writes {@link JsonLine}s through {@link JsonLogProvider}'s settings. A trailing throwable
 * argument is the event's throwable even after a single placeholder argument (as Logback has it), and any other
 * throwable argument is written as its class name: no exception message reaches a line.
 */
final class JsonLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    private final boolean application;

    JsonLogger(String name) {
        this.name = name;
        this.application = LogSettings.isApplication(name);
    }

    private boolean enabled(Level level) {
        return JsonLogProvider.settings().enabled(application, level.toInt());
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
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        LogSettings settings = JsonLogProvider.settings();
        if (!settings.enabled(application, level.toInt())) {
            return; // the fluent API reaches here without asking
        }
        Object[] args = arguments;
        Throwable thrown = throwable;
        if (thrown == null && args != null && args.length > 0 && args[args.length - 1] instanceof Throwable last) {
            thrown = last;
            args = MessageFormatter.trimmedCopy(args);
        }
        String message = pattern;
        if (args != null && args.length > 0) {
            for (int i = 0; i < args.length; i++) {
                if (args[i] instanceof Throwable other) {
                    if (args == arguments) {
                        args = args.clone();
                    }
                    args[i] = other.getClass().getName();
                }
            }
            message = MessageFormatter.basicArrayFormat(pattern, args);
        }
        String line = JsonLine.format(System.currentTimeMillis(), level.toString(), name, message, RequestLog.current(),
                settings, thrown);
        var out = settings.stream();
        out.print(line);
        out.flush();
    }
}
