package dev.latchkey.ratelimit;

import dev.latchkey.crypto.Hashes;
import dev.latchkey.error.DomainError;
import dev.latchkey.store.Forgetting;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Brute-force limits kept in DynamoDB. A subject is a policy and a value (an email, an IP); its
 * counter is stored under the SHA-256 of both, so typed-in emails of strangers are not kept in
 * clear. It never reveals whether an email has an account, because counters exist for any email
 * that was tried. {@link #check} reads all its counters in one request; what it read decides the one write a
 * failure costs per subject (increment an open window, or start a new one) and whether a success
 * has anything to clear.
 */
@Singleton
public final class AttemptLimiter {
    private final AttemptStore store;
    private final Clock clock;

    @Inject
    public AttemptLimiter(AttemptStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record Subject(LimitPolicy policy, String value) {
        String key() {
            return policy.name() + "#" + Hashes.sha256(value.toLowerCase(Locale.ROOT));
        }
    }

    public static Subject subject(LimitPolicy policy, String value) {
        return new Subject(policy, value == null ? "" : value);
    }

    /**
     * A per-source-address subject: the client's {@linkplain #network network}, so that an IPv6 client, which usually
     * holds a whole /64 and can send from any address in it, gets one counter and not 2^64.
     */
    public static Subject network(LimitPolicy policy, String ip) {
        return subject(policy, network(ip));
    }

    /**
     * The network an address counts in for per-source limits: an IPv6 address's /64 prefix (as 16 hex digits and
     * {@code ::/64}), an IPv4 address itself (so is an IPv4-mapped IPv6 one); what is not an IP literal, as given.
     */
    public static String network(String ip) {
        if (ip == null || ip.indexOf(':') < 0) {
            return ip;
        }
        try {
            java.net.InetAddress address = java.net.InetAddress.ofLiteral(ip);
            return address instanceof java.net.Inet6Address
                    ? java.util.HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64"
                    : address.getHostAddress();
        } catch (IllegalArgumentException notALiteral) {
            return ip;
        }
    }

    /** A subject of two parts, e.g. an email and the client it was tried from. */
    public static Subject subject(LimitPolicy policy, String value, String client) {
        return new Subject(policy, (value == null ? "" : value) + "\n" + (client == null ? "" : client));
    }

    /** Deletes the subjects' counters whether or not they exist (after a completed password reset); returns how many there were. */
    public int forget(Subject... subjects) {
        int cleared = 0;
        for (Subject subject : subjects) {
            if (store.clear(subject.key())) {
                cleared++;
            }
        }
        return cleared;
    }

    /**
     * Queues the deletes of the subjects' counters with an account clean-up's others ({@link Forgetting#delete}): blind
     * deletes by key, so 0, not how many there were (the {@code UserData} count is of items found).
     */
    public int forget(Forgetting forgetting, Subject... subjects) {
        for (Subject subject : subjects) {
            store.clear(subject.key(), forgetting);
        }
        return 0;
    }

    /** The counters as {@link #check} found them, to record the outcome of the attempt against. */
    public final class Attempt {
        private final Map<Subject, Optional<AttemptCounter>> found;

        private Attempt(Map<Subject, Optional<AttemptCounter>> found) {
            this.found = found;
        }

        /** Counts one attempt for every subject: one conditional write each, two only when a racing request moved the window. */
        public void record() {
            Instant now = clock.instant();
            found.forEach((subject, counter) -> {
                LimitPolicy policy = subject.policy();
                Instant cutoff = now.minus(policy.window());
                Instant expiresAt = now.plus(policy.window()).plus(policy.maxBackoff());
                boolean windowOpen = counter.isPresent() && counter.get().windowStart().isAfter(cutoff);
                boolean done = windowOpen
                        ? store.increment(subject.key(), now, cutoff, expiresAt)
                        : store.startWindow(subject.key(), now, cutoff, expiresAt);
                if (!done) {
                    if (windowOpen) {
                        store.startWindow(subject.key(), now, cutoff, expiresAt);
                    } else {
                        store.increment(subject.key(), now, cutoff, expiresAt);
                    }
                }
            });
        }

        /** Forgets the subject's failures (after a successful sign-in); no write when there were none. */
        public void clear(Subject subject) {
            if (found.getOrDefault(subject, Optional.empty()).isPresent()) {
                store.clear(subject.key());
            }
        }
    }

    /** Throws {@code rate_limited} with the longest remaining wait when any subject must wait. */
    public Attempt check(Subject... subjects) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        Map<Subject, Optional<AttemptCounter>> found = new LinkedHashMap<>();
        Map<String, Optional<AttemptCounter>> counters = store.findAll(java.util.Arrays.stream(subjects).map(Subject::key).toList());
        for (Subject subject : subjects) {
            Optional<AttemptCounter> counter = counters.getOrDefault(subject.key(), Optional.empty());
            found.put(subject, counter);
            Duration remaining = counter.map(c -> remaining(subject.policy(), c, now)).orElse(Duration.ZERO);
            if (remaining.compareTo(wait) > 0) {
                wait = remaining;
            }
        }
        if (!wait.isZero()) {
            throw DomainError.rateLimited(wait);
        }
        return new Attempt(found);
    }

    /**
     * The wait left: none while the attempts are free. (A racing request may have recorded its attempt a moment
     * "after" this one read the clock; with free attempts left that must not turn into a wait.)
     */
    private static Duration remaining(LimitPolicy policy, AttemptCounter counter, Instant now) {
        Duration backoff = policy.backoffAfter(counter.attempts());
        if (backoff.isZero()) {
            return Duration.ZERO;
        }
        Instant until = counter.lastAttempt().plus(backoff);
        return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
    }
}
