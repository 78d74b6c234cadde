package dev.latchkey.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as stored: ISO-8601 UTC with exactly three fractional digits, so that stored strings
 * sort and compare in time order (Instant.toString drops ".000", which breaks both).
 */
public final class Times {
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    public static String format(Instant instant) {
        return FIXED.format(instant);
    }

    public static Instant parse(String stored) {
        return Instant.parse(stored);
    }
}
