package dev.latchkey.auth;

import dev.latchkey.store.Forgetting;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

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

    /**
     * When this feature forgets, relative to the others: lower first, the set's order among equals (which Dagger does
     * not promise across components). The sessions go first: an API key is created only while a session of its user
     * exists, so once they are gone and the partition read again, nothing of the user can appear after that read.
     */
    default int order() {
        return 0;
    }

    /** {@code features} in the order the clean-up runs them ({@link #order}). */
    static List<UserData> inOrder(Collection<UserData> features) {
        return features.stream().sorted(Comparator.comparingInt(UserData::order)).toList();
    }

    /** A user as the cleanup knows it: from the deleted profile item's old image. */
    record UserRef(String userId, String normalizedEmail, String username) {
    }
}
