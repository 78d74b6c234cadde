package dev.latchkey.auth;

/**
 * What one feature keeps about a user. Every feature that stores items of a user contributes one
 * to a Dagger set ({@code @IntoSet}); account deletion's cleanup walks the whole set, so a new
 * feature is cleaned up by contributing, not by editing the cleanup. {@code UserDataTest} fails
 * when a feature leaves an item of a user behind.
 */
public interface UserData {

    /** A short name for logs and docs, e.g. "sessions". */
    String name();

    /**
     * Deletes everything this feature keeps about {@code user}, reached from the user's keys (no
     * scans). Idempotent: a retry after a failure halfway finishes the job. Returns how many items went.
     */
    int forget(UserRef user);

    /** A user as the cleanup knows it: from the deleted profile item's old image. */
    record UserRef(String userId, String normalizedEmail, String username) {
    }
}
