package dev.latchkey.session;

import dev.latchkey.auth.StartedSession;

/** A new session and its token. The token exists only here, on its way into one response. */
public record IssuedSession(Session session, String token) {

    /** What a response shows of it. */
    public StartedSession started() {
        return new StartedSession(session.id(), token, session.expiresAt());
    }

    @Override
    public String toString() {
        return "IssuedSession[id=" + session.id() + "]";
    }
}
