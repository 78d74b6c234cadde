package dev.latchkey.session;

import dev.latchkey.auth.ClientInfo;

import dev.latchkey.config.Config;
import dev.latchkey.auth.BearerToken;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;

/** Mints session tokens: 7-day absolute lifetime, stored hashed, with ip and user agent recorded. */
@Singleton
public final class SessionIssuer {
    private final Randomness randomness;
    private final Clock clock;
    private final Duration lifetime;

    @Inject
    public SessionIssuer(Randomness randomness, Clock clock, Config config) {
        this.randomness = randomness;
        this.clock = clock;
        this.lifetime = config.sessionLifetime();
    }

    /** A new session of {@code userId}, made in the user's credential epoch {@code credentialEpoch}. */
    public IssuedSession issue(String userId, long credentialEpoch, ClientInfo client) {
        return issue(userId, credentialEpoch, client, Session.PASSWORD);
    }

    /** The same, authenticated by the methods {@code amr} names. */
    public IssuedSession issue(String userId, long credentialEpoch, ClientInfo client, List<String> amr) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String token = BearerToken.issue(BearerToken.SESSION_PREFIX, randomness);
        Session session = new Session(
                "ses_" + randomness.base62(24), Hashes.sha256(token), userId,
                now, now, now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS), client.ip(), client.userAgent(), credentialEpoch, amr);
        return new IssuedSession(session, token);
    }
}
