package dev.latchkey.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port for sessions. */
public interface SessionStore {

    /**
     * Stores a new session, only if the user's password hash is still {@code verifiedPasswordHash}
     * (the one the sign-in just checked). False when it changed meanwhile: a sign-in with the old
     * password must not outlive a reset or change that committed first.
     */
    boolean create(Session session, String verifiedPasswordHash);

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

    /**
     * Ends every session of the user except {@code keepSessionId} (null: all), found with a strongly
     * consistent read, so a session created or refreshed a moment before is not missed. Returns how many ended.
     */
    int deleteAllOfUser(String userId, String keepSessionId);
}
