package dev.latchkey.session;

import java.util.Optional;

/** Port for sessions. */
public interface SessionStore {

    void create(Session session);

    /** Strongly consistent: a session ended a moment ago is not found. */
    Optional<Session> findByTokenHash(String tokenHash);
}
