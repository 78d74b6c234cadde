package dev.latchkey.functions.logging;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Which lines pass and where they go, read once per JVM from the environment.
 *
 * <p>The threshold is {@code AWS_LAMBDA_LOG_LEVEL} (Lambda sets it from the function's {@code ApplicationLogLevel}
 * when its log format is JSON), else {@code POWERTOOLS_LOG_LEVEL}, else INFO; an unknown value counts as INFO,
 * FATAL as "nothing" (SLF4J has no level above ERROR). It applies as is to Latchkey's own loggers
 * ({@code dev.latchkey.*}); every other logger (the AWS SDK, Jetty in the dev server)
 * logs WARN and above at most, as the former Log4j configuration had it.
 *
 * @param applicationThreshold lowest {@link org.slf4j.event.Level#toInt()} written for {@code dev.latchkey.*}
 * @param otherThreshold       the same for every other logger
 * @param service              {@code POWERTOOLS_SERVICE_NAME}, else {@code latchkey}
 * @param functionName         {@code AWS_LAMBDA_FUNCTION_NAME}, for lines outside an invocation; null outside Lambda
 * @param out                  where lines go; null for {@code System.out} as it is at each line (the dev server's
 *                             {@code invoke} points it at stderr)
 */
record LogSettings(int applicationThreshold, int otherThreshold, String service, String functionName, PrintStream out) {
    static final int OFF = Integer.MAX_VALUE;
    private static final int TRACE = 0;
    private static final int DEBUG = 10;
    private static final int INFO = 20;
    private static final int WARN = 30;
    private static final int ERROR = 40;
    private static final String APPLICATION_PREFIX = "dev.latchkey.";

    static LogSettings from(Map<String, String> env) {
        String level = env.get("AWS_LAMBDA_LOG_LEVEL");
        if (level == null || level.isBlank()) {
            level = env.get("POWERTOOLS_LOG_LEVEL");
        }
        int threshold = threshold(level);
        String service = env.get("POWERTOOLS_SERVICE_NAME");
        return new LogSettings(threshold, Math.max(threshold, WARN),
                service == null || service.isBlank() ? "latchkey" : service, env.get("AWS_LAMBDA_FUNCTION_NAME"), null);
    }

    static int threshold(String level) {
        if (level == null) {
            return INFO;
        }
        return switch (level.strip().toUpperCase(Locale.ROOT)) {
            case "TRACE", "ALL" -> TRACE;
            case "DEBUG" -> DEBUG;
            case "WARN", "WARNING" -> WARN;
            case "ERROR" -> ERROR;
            case "FATAL", "OFF" -> OFF;
            default -> INFO;
        };
    }

    static boolean isApplication(String loggerName) {
        return loggerName.startsWith(APPLICATION_PREFIX);
    }

    boolean enabled(boolean application, int level) {
        return level >= (application ? applicationThreshold : otherThreshold);
    }

    PrintStream stream() {
        return out != null ? out : System.out;
    }

    LogSettings withOut(PrintStream stream) {
        return new LogSettings(applicationThreshold, otherThreshold, service, functionName, stream);
    }
}
