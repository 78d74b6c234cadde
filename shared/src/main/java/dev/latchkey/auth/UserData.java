package dev.latchkey.auth;

import dev.latchkey.store.Forgetting;

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
     * scans). What it keeps under the user's partition it finds in {@code forgetting}'s one read of that
     * partition, not by a query of its own; deletes that need no condition it {@linkplain Forgetting#delete queues}
     * there, and the clean-up sends them all together afterwards. Idempotent: a retry after a failure halfway
     * finishes the job. Returns how many items it found and deleted (or queued): a queued delete by key of what it
     * did not read (a limit counter) is not counted, as a batch does not say whether there was an item.
     */
    int forget(UserRef user, Forgetting forgetting);

    /** A user as the cleanup knows it: from the deleted profile item's old image. */
    record UserRef(String userId, String normalizedEmail, String username) {
    }
}
