package dev.latchkey.session;

import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Device tokens (OWASP's device cookies): issued at every sign-in that did not present a valid one,
 * 256 bits, kept 90 days, stored as SHA-256. A client that presents one of an account is not stopped
 * by that account's failure cap (see {@link SigningIn}).
 */
@Singleton
public final class DeviceTokens {
    static final Duration LIFETIME = Duration.ofDays(90);

    private final DeviceStore store;
    private final Randomness randomness;
    private final Clock clock;

    @Inject
    public DeviceTokens(DeviceStore store, Randomness randomness, Clock clock) {
        this.store = store;
        this.randomness = randomness;
        this.clock = clock;
    }

    public String issue(String userId) {
        String token = randomness.base64Url(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        store.save(Hashes.sha256(token), userId, now, now.plus(LIFETIME).truncatedTo(ChronoUnit.SECONDS));
        return token;
    }

    boolean isKnown(String userId, String tokenHash, Instant now) {
        return store.isKnown(userId, tokenHash, now);
    }
}
