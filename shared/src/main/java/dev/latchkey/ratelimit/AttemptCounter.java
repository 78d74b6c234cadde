package dev.latchkey.ratelimit;

import java.time.Instant;

/** Attempts recorded for one subject in its current window. */
public record AttemptCounter(int attempts, Instant windowStart, Instant lastAttempt) {
}
