package dev.latchkey.session;

/** A new session and its token. The token exists only here, on its way into one response. */
public record IssuedSession(Session session, String token) {
    @Override
    public String toString() {
        return "IssuedSession[id=" + session.id() + "]";
    }
}
