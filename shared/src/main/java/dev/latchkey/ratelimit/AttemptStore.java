package dev.latchkey.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Port for attempt counters. Keys are opaque (already hashed). */
public interface AttemptStore {

    Optional<AttemptCounter> find(String key);

    /**
     * Atomically counts one attempt: increments the counter while its window (started at its first
     * attempt) is open, or starts a new window at {@code now}. Racing calls each count.
     */
    void record(String key, Instant now, Duration window, Instant expiresAt);

    void clear(String key);
}
