package dev.latchkey.password;

import java.util.Optional;

/** Port for password resets and password updates. */
public interface PasswordResetStore {

    /** Writes the user's pending reset, replacing (and so invalidating) any earlier one. */
    void save(PasswordReset reset);

    Optional<PasswordReset> findByTokenHash(String tokenHash);

    /**
     * In one transaction: consume the reset (only while it still carries its token hash), set the
     * user's password hash and move the user from credential epoch {@code epoch} to {@code epoch + 1}.
     * False when the reset was used or replaced, the user is gone, or another change moved the epoch first.
     */
    boolean complete(PasswordReset reset, String newPasswordHash, long epoch);

    /**
     * In one transaction: set the password hash of an existing user, only if it is still
     * {@code expectedOldHash} (the one just verified) in epoch {@code epoch}; move the user to
     * {@code epoch + 1}; and delete any pending reset link (it was sent for the old password).
     * False when the password changed meanwhile, e.g. by a reset.
     */
    boolean updatePasswordHash(String userId, String expectedOldHash, String newPasswordHash, long epoch);
}
