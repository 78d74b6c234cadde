package dev.latchkey.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port for sessions. */
public interface SessionStore {

    void create(Session session);

    /** Strongly consistent: a session ended a moment ago is not found. */
    Optional<Session> findByTokenHash(String tokenHash);

    /** The user's sessions, expired ones included (the caller filters), newest first. */
    List<Session> listByUser(String userId);

    /** Records use at {@code now} unless the session was already seen after {@code seenAfter}; at most one write. */
    void touch(Session session, Instant now, Instant seenAfter);

    /**
     * Replaces the session's token in one transaction: the old token hash stops working at the
     * moment the new one starts. False when the old one was already gone (ended, or rotated by a racing refresh).
     */
    boolean rotate(Session old, Session replacement);

    /** False when it was already gone. */
    boolean delete(Session session);

    /** Ends every session of the user except {@code keepSessionId} (null: all). Returns how many ended. */
    int deleteAllOfUser(String userId, String keepSessionId);
}
