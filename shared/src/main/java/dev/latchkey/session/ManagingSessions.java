package dev.latchkey.session;

import dev.latchkey.auth.Principal;

import dev.latchkey.auth.BearerToken;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.latchkey.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.List;

/** GET /v1/sessions, POST /v1/sessions/refresh, DELETE /v1/sessions/{id}. */
@Singleton
public final class ManagingSessions {
    private final SessionStore sessions;
    private final Randomness randomness;
    private final Clock clock;
    private final Duration idleTimeout;

    @Inject
    public ManagingSessions(SessionStore sessions, Randomness randomness, Clock clock, Config config) {
        this.sessions = sessions;
        this.randomness = randomness;
        this.clock = clock;
        this.idleTimeout = config.sessionIdleTimeout();
    }

    /** The caller's live sessions, newest first. */
    public List<Session> list(Principal caller) {
        Instant now = clock.instant();
        return sessions.listByUser(caller.userId()).stream().filter(s -> s.liveAt(now, idleTimeout)).toList();
    }

    /**
     * A new token for the calling session: same id, same absolute expiry (refreshing never extends
     * a session's life), the old token dead at once. It is the presented token that is replaced —
     * found by its hash, not by the session's id — so of two refreshes racing with one token
     * exactly one succeeds, even when the second starts after the first has finished.
     */
    public IssuedSession refresh(Principal caller, String authorizationHeader) {
        caller.requireSession("refreshing a session");
        Instant now = clock.instant();
        // the session authentication read (consistently) in this request, else a read; either way the rotation's
        // conditions (the old session still there, the pointer at it, the epoch) refuse a session ended meanwhile
        Session current = BearerToken.fromAuthorizationHeader(authorizationHeader).map(Hashes::sha256)
                .flatMap(hash -> caller.read() instanceof Session read && read.tokenHash().equals(hash)
                        ? Optional.of(read) : sessions.findByTokenHash(hash))
                .filter(s -> s.id().equals(caller.sessionId()) && s.userId().equals(caller.userId()) && s.liveAt(now, idleTimeout))
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the session has ended"));
        String token = BearerToken.issue(BearerToken.SESSION_PREFIX, randomness);
        Session rotated = new Session(current.id(), Hashes.sha256(token), current.userId(), current.createdAt(),
                clock.instant(), current.expiresAt(), current.ip(), current.userAgent(), current.credentialEpoch(), current.amr());
        if (!sessions.rotate(current, rotated)) {
            throw DomainError.of(ErrorCode.UNAUTHENTICATED, "the session has ended");
        }
        return new IssuedSession(rotated, token);
    }

    /**
     * Ends one of the caller's sessions (their current one: log out), found through its consistent
     * pointer, so a session made a moment ago is found. Another user's is "not found". Needs a
     * session: a stolen API key must not log its owner out.
     */
    public void end(Principal caller, String sessionId) {
        caller.requireSession("ending a session");
        if (!sessions.endById(caller.userId(), sessionId, clock.instant())) {
            throw DomainError.notFound("no such session");
        }
    }
}
