package dev.latchkey.session;

import dev.latchkey.apikey.ApiKeyStore;
import dev.latchkey.crypto.BearerToken;
import dev.latchkey.crypto.Hashes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.latchkey.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the authorizer does with an {@code Authorization} header: check the token's shape and
 * checksum (no read for garbage), then one strongly consistent read of the session or API key by
 * the token's hash. Use is recorded at most once a minute per credential, so a busy client does
 * not cost a write per request.
 */
@Singleton
public final class Authenticating {
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    private final SessionStore sessions;
    private final ApiKeyStore apiKeys;
    private final Clock clock;
    private final Duration idleTimeout;

    @Inject
    public Authenticating(SessionStore sessions, ApiKeyStore apiKeys, Clock clock, Config config) {
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.clock = clock;
        this.idleTimeout = config.sessionIdleTimeout();
    }

    public Optional<Principal> authenticate(String authorizationHeader) {
        Optional<String> bearer = BearerToken.fromAuthorizationHeader(authorizationHeader);
        if (bearer.isEmpty()) {
            return Optional.empty();
        }
        String token = bearer.get();
        Optional<String> kind = BearerToken.verify(token);
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Instant staleBefore = now.minus(TOUCH_INTERVAL);
        String hash = Hashes.sha256(token);
        if (kind.get().equals(BearerToken.SESSION_PREFIX)) {
            return sessions.findByTokenHash(hash)
                    .filter(session -> session.liveAt(now, idleTimeout))
                    .map(session -> {
                        if (!session.lastSeenAt().isAfter(staleBefore)) {
                            sessions.touch(session, now, staleBefore);
                        }
                        return new Principal(session.userId(), Principal.CredentialType.SESSION, session.id(), session.createdAt());
                    });
        }
        return apiKeys.findByTokenHash(hash)
                .filter(key -> !key.expiredAt(now))
                .map(key -> {
                    if (key.lastUsedAt() == null || !key.lastUsedAt().isAfter(staleBefore)) {
                        apiKeys.touch(key, now, staleBefore);
                    }
                    return new Principal(key.userId(), Principal.CredentialType.API_KEY, key.id());
                });
    }
}
