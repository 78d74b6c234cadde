package dev.latchkey.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * A clock tests move by hand instead of sleeping. It starts from the real now, because DynamoDB
 * Local deletes items whose {@code expiresAt} is behind the wall clock: a clock pinned to a date
 * makes every test that stores an expiring item rot once that date is a week old.
 * {@code LATCHKEY_TEST_CLOCK_OFFSET_DAYS} (CI sets a random positive number) moves the start that
 * many days ahead, so no test can depend on what today is. Only forward: items the domain wrote
 * with a clock behind the wall clock would be expired by DynamoDB Local before the test reads them.
 */
public final class MutableClock extends Clock {
    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** The real now (to the millisecond, as stored), plus the offset CI may set. */
    public static MutableClock startingNow() {
        return new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS).plus(offset()));
    }

    /** How far ahead of the wall clock test clocks start: {@code LATCHKEY_TEST_CLOCK_OFFSET_DAYS}, 0 when unset. */
    public static Duration offset() {
        String days = System.getenv("LATCHKEY_TEST_CLOCK_OFFSET_DAYS");
        if (days == null || days.isBlank()) {
            return Duration.ZERO;
        }
        long value = Long.parseLong(days.trim());
        if (value < 0) {
            throw new IllegalArgumentException("LATCHKEY_TEST_CLOCK_OFFSET_DAYS must not be negative: DynamoDB Local would expire what the tests store");
        }
        return Duration.ofDays(value);
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
