package dev.latchkey.ratelimit;

import dev.latchkey.store.Forgetting;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port for attempt counters. Keys are opaque (already hashed). */
public interface AttemptStore {

    /** Eventually consistent: limits are approximate by nature, and the increments themselves are atomic. */
    Optional<AttemptCounter> find(String key);

    /** The counters at {@code keys}, each key present in the answer (empty where there is none); as {@link #find}. */
    default Map<String, Optional<AttemptCounter>> findAll(List<String> keys) {
        Map<String, Optional<AttemptCounter>> found = new LinkedHashMap<>();
        keys.forEach(key -> found.put(key, find(key)));
        return found;
    }

    /** Atomically adds one attempt, only while the counter's window started after {@code cutoff}; false otherwise. */
    boolean increment(String key, Instant now, Instant cutoff, Instant expiresAt);

    /** Starts a new window with one attempt, only if there is no counter or its window started at or before {@code cutoff}. */
    boolean startWindow(String key, Instant now, Instant cutoff, Instant expiresAt);

    /** Deletes the counter; true when there was one. */
    boolean clear(String key);

    /** Queues the counter's delete with an account clean-up's others, sent by {@link Forgetting#flush()}. */
    void clear(String key, Forgetting forgetting);
}
