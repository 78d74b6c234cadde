package dev.latchkey.session;

import dev.latchkey.auth.Authenticating;
import dev.latchkey.auth.BearerToken;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.CredentialResolver;
import dev.latchkey.auth.CredentialRevocation;
import dev.latchkey.auth.Principal;
import dev.latchkey.auth.SessionStarter;
import dev.latchkey.auth.StartedSession;
import dev.latchkey.config.Config;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Sessions as the auth core sees them: resolved from a token, ended in bulk, started for another feature. */
@Singleton
public final class SessionCredentials implements CredentialResolver, CredentialRevocation, SessionStarter {
    private final SessionStore sessions;
    private final SessionIssuer issuer;
    private final Duration idleTimeout;

    @Inject
    public SessionCredentials(SessionStore sessions, SessionIssuer issuer, Config config) {
        this.sessions = sessions;
        this.issuer = issuer;
        this.idleTimeout = config.sessionIdleTimeout();
    }

    @Override
    public String prefix() {
        return BearerToken.SESSION_PREFIX;
    }

    @Override
    public Optional<Principal> resolve(String tokenHash, Instant now) {
        Instant staleBefore = now.minus(Authenticating.TOUCH_INTERVAL);
        return sessions.findByTokenHash(tokenHash)
                .filter(session -> session.liveAt(now, idleTimeout))
                .map(session -> {
                    if (!session.lastSeenAt().isAfter(staleBefore)) {
                        sessions.touch(session, now, staleBefore);
                    }
                    return new Principal(session.userId(), Principal.CredentialType.SESSION, session.id(), session.createdAt(),
                            session.multiFactor(), session);
                });
    }

    @Override
    public Principal.CredentialType type() {
        return Principal.CredentialType.SESSION;
    }

    @Override
    public int revokeAllBefore(String userId, long epoch) {
        return sessions.endAllBefore(userId, epoch);
    }

    @Override
    public int revokeAllExcept(String userId, String keepSessionId) {
        return sessions.endAllExcept(userId, keepSessionId);
    }

    @Override
    public Optional<StartedSession> start(String userId, long epoch, String verifiedPasswordHash, ClientInfo client) {
        IssuedSession issued = issuer.issue(userId, epoch, client);
        return sessions.create(issued.session(), verifiedPasswordHash, Optional.empty()) == SessionStore.Created.YES
                ? Optional.of(issued.started()) : Optional.empty();
    }
}
