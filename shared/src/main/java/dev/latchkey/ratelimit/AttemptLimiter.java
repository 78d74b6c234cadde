package dev.latchkey.ratelimit;

import dev.latchkey.crypto.Hashes;
import dev.latchkey.error.DomainError;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Brute-force limits kept in DynamoDB. A subject is a policy and a value (an email, an IP); its
 * counter is stored under the SHA-256 of both, so typed-in emails of strangers are not kept in
 * clear. Checking costs one read per subject; it never reveals whether an email has an account,
 * because counters exist for any email that was tried.
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

    /** Throws {@code rate_limited} with the longest remaining wait when any subject must wait. */
    public void check(Subject... subjects) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (Subject subject : subjects) {
            Duration remaining = remaining(subject, now);
            if (remaining.compareTo(wait) > 0) {
                wait = remaining;
            }
        }
        if (!wait.isZero()) {
            throw DomainError.rateLimited(wait);
        }
    }

    public void record(Subject... subjects) {
        Instant now = clock.instant();
        for (Subject subject : subjects) {
            LimitPolicy policy = subject.policy();
            store.record(subject.key(), now, policy.window(), now.plus(policy.window()).plus(policy.maxBackoff()));
        }
    }

    public void clear(Subject subject) {
        store.clear(subject.key());
    }

    private Duration remaining(Subject subject, Instant now) {
        return store.find(subject.key())
                .map(counter -> {
                    Instant until = counter.lastAttempt().plus(subject.policy().backoffAfter(counter.attempts()));
                    return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
                })
                .orElse(Duration.ZERO);
    }
}
