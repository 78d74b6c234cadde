package dev.latchkey.password;

import java.util.Optional;

/** Port for password resets and password updates. */
public interface PasswordResetStore {

    /** Writes the user's pending reset, replacing (and so invalidating) any earlier one. */
    void save(PasswordReset reset);

    Optional<PasswordReset> findByTokenHash(String tokenHash);

    /**
     * In one transaction: consume the reset (only while it still carries its token hash) and set the
     * user's password hash. False when the reset was used, replaced or the user is gone.
     */
    boolean complete(PasswordReset reset, String newPasswordHash);

    /**
     * Sets the password hash of an existing user, only if it is still {@code expectedOldHash} (the one
     * just verified). False when it changed meanwhile, e.g. by a reset.
     */
    boolean updatePasswordHash(String userId, String expectedOldHash, String newPasswordHash);
}
