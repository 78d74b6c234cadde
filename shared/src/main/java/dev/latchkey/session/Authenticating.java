package dev.latchkey.session;

import dev.latchkey.crypto.BearerToken;
import dev.latchkey.crypto.Hashes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Optional;

/**
 * What the authorizer does with an {@code Authorization} header: check the token's shape and
 * checksum (no read for garbage), then one strongly consistent read of the session by token hash.
 */
@Singleton
public final class Authenticating {
    private static final String BEARER = "Bearer ";

    private final SessionStore sessions;
    private final Clock clock;

    @Inject
    public Authenticating(SessionStore sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    public Optional<Principal> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.length() <= BEARER.length()
                || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(BEARER.length()).strip();
        Optional<String> kind = BearerToken.verify(token);
        if (kind.isEmpty() || !kind.get().equals(BearerToken.SESSION_PREFIX)) {
            return Optional.empty();
        }
        return sessions.findByTokenHash(Hashes.sha256(token))
                .filter(session -> !session.expiredAt(clock.instant()))
                .map(session -> new Principal(session.userId(), Principal.CredentialType.SESSION, session.id()));
    }
}
