package dev.latchkey.functions.logging;

import java.time.LocalDate;

/**
 * One log event as one line of JSON, the shape Lambda's JSON log format reads as it is (no second wrapping):
 * {@code timestamp} (RFC 3339, UTC, milliseconds), {@code level}, {@code logger}, {@code message}, then
 * {@code AWSRequestId} and {@code functionName} of the invocation, {@code service}, and for a throwable
 * {@code errorType} (its class) and {@code stackTrace} (frames, and the class of each cause).
 *
 * <p>No throwable's message is ever written, here or through an argument: messages of lower layers are not vetted
 * for secrets. Plain {@code StringBuilder} code on purpose: no formatter, reflection or lambda to load at the first line.
 */
final class JsonLine {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final int MAX_CAUSES = 16;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonLine() {
    }

    static String format(long epochMillis, String level, String logger, String message, RequestLog.Invocation invocation,
            LogSettings settings, Throwable thrown) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"timestamp\":\"");
        appendTimestamp(line, epochMillis);
        line.append("\",\"level\":\"").append(level).append('"');
        field(line, "logger", logger);
        field(line, "message", message);
        if (invocation != null) {
            field(line, "AWSRequestId", invocation.requestId());
            field(line, "functionName", invocation.functionName());
        } else if (settings.functionName() != null) {
            field(line, "functionName", settings.functionName());
        }
        field(line, "service", settings.service());
        if (thrown != null) {
            field(line, "errorType", thrown.getClass().getName());
            line.append(",\"stackTrace\":[");
            appendStackTrace(line, thrown);
            line.append(']');
        }
        return line.append("}\n").toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        if (value != null) {
            line.append(",\"").append(name).append("\":");
            string(line, value);
        }
    }

    /** The frames, then for each cause {@code "Caused by: <class>"} and its frames not shared with the one it caused. */
    private static void appendStackTrace(StringBuilder line, Throwable thrown) {
        StackTraceElement[] enclosing = thrown.getStackTrace();
        boolean first = true;
        for (StackTraceElement frame : enclosing) {
            first = element(line, frame.toString(), first);
        }
        Throwable cause = thrown.getCause();
        for (int depth = 0; cause != null && cause != thrown && depth < MAX_CAUSES; depth++) {
            first = element(line, "Caused by: ".concat(cause.getClass().getName()), first);
            StackTraceElement[] frames = cause.getStackTrace();
            int unique = frames.length;
            for (int e = enclosing.length - 1; unique > 0 && e >= 0 && frames[unique - 1].equals(enclosing[e]); e--) {
                unique--;
            }
            for (int i = 0; i < unique; i++) {
                first = element(line, frames[i].toString(), first);
            }
            if (unique < frames.length) {
                first = element(line, new StringBuilder("... ").append(frames.length - unique).append(" more").toString(), first);
            }
            enclosing = frames;
            cause = cause.getCause();
        }
    }

    private static boolean element(StringBuilder line, String value, boolean first) {
        if (!first) {
            line.append(',');
        }
        string(line, value);
        return false;
    }

    /** A JSON string: quotes, backslashes and control characters escaped, so a line never breaks. */
    static void string(StringBuilder line, String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}, as the Lambda Java runtime writes its own JSON lines. */
    static void appendTimestamp(StringBuilder line, long epochMillis) {
        LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(epochMillis, MILLIS_PER_DAY));
        int millisOfDay = (int) Math.floorMod(epochMillis, MILLIS_PER_DAY);
        pad(line, date.getYear(), 4).append('-');
        pad(line, date.getMonthValue(), 2).append('-');
        pad(line, date.getDayOfMonth(), 2).append('T');
        pad(line, millisOfDay / 3_600_000, 2).append(':');
        pad(line, millisOfDay / 60_000 % 60, 2).append(':');
        pad(line, millisOfDay / 1000 % 60, 2).append('.');
        pad(line, millisOfDay % 1000, 3).append('Z');
    }

    private static StringBuilder pad(StringBuilder line, int value, int width) {
        for (int limit = 10, digits = 1; digits < width; limit *= 10, digits++) {
            if (value < limit) {
                line.append('0');
            }
        }
        return line.append(value);
    }
}
