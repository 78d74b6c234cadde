package dev.latchkey.session;

import dev.latchkey.auth.FactorUse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port for sessions. */
public interface SessionStore {

    /** What {@link #create} did. */
    enum Created {
        YES,
        /** The password hash is not the one verified any more: a reset or change committed first. */
        PASSWORD_CHANGED,
        /** The second factor was spent by a racing request (the same TOTP step, the same recovery code). */
        FACTOR_SPENT
    }

    /**
     * Stores a new session, only if the user's password hash is still {@code verifiedPasswordHash}
     * (the one the sign-in just checked): a sign-in with the old password must not outlive a reset or
     * change that committed first. With a second factor, spends it in the same transaction: of two
     * sign-ins with one code, exactly one stores its session.
     */
    Created create(Session session, String verifiedPasswordHash, Optional<FactorUse> factor);

    /** Strongly consistent: a session ended a moment ago is not found. */
    Optional<Session> findByTokenHash(String tokenHash);

    /** The user's sessions, expired ones included (the caller filters), newest first. */
    List<Session> listByUser(String userId);

    /** Records use at {@code now} unless the session was already seen after {@code seenAfter}; at most one write. */
    void touch(Session session, Instant now, Instant seenAfter);

    /**
     * Replaces the session's token in one transaction: the old token hash stops working at the
     * moment the new one starts. False when the old one was already gone (ended, or rotated by a
     * racing refresh) or the user's credential epoch moved on (a password change or reset committed
     * first: a session of the old password cannot be renewed).
     */
    boolean rotate(Session old, Session replacement);

    /** False when it was already gone. */
    boolean delete(Session session);

    /**
     * Ends the user's session {@code sessionId}, found through its strongly consistent pointer (not
     * the lagging index), whatever token it has now. False when the user has no such live session.
     */
    boolean endById(String userId, String sessionId, Instant now);

    /**
     * Ends every session of the user made in a credential epoch before {@code epoch}, the caller having
     * just moved the user to {@code epoch}: nothing can renew or create such a session any more, so
     * this repeats, re-reading strongly consistently, until none is left. Sessions of {@code epoch}
     * (a sign-in with the new password) stay. Returns how many ended; throws when a session could not
     * be ended after many tries, rather than return with one alive.
     */
    int endAllBefore(String userId, long epoch);

    /**
     * Ends every session of the user but {@code keepSessionId} (the caller's), whatever its epoch: what an email change
     * does to the other sessions. Repeats, re-reading strongly consistently, while a racing refresh or transaction
     * cancelled an end; a session made after the read (a new sign-in) stays. Returns how many ended; throws when a
     * session could not be ended after many tries, rather than return with one alive.
     */
    int endAllExcept(String userId, String keepSessionId);

    /**
     * Ends the user's oldest live sessions beyond the newest {@code keep}, never {@code newSessionId}
     * (the one just made). Returns how many ended.
     */
    int trimTo(String userId, int keep, Instant now, String newSessionId);
}
