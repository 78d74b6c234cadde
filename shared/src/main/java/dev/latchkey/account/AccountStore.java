package dev.latchkey.account;

import dev.latchkey.auth.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port for accounts and their uniqueness guards. */
public interface AccountStore {

    /** Strongly consistent: for sign-in, which must see an account the moment it exists. */
    Optional<String> findUserIdByEmail(String normalizedEmail);

    /**
     * Eventually consistent (half the read cost): for answers that only choose which mail to send,
     * where the transaction that creates an account re-checks uniqueness anyway.
     */
    Optional<String> peekUserIdByEmail(String normalizedEmail);

    /** Eventually consistent: an early answer for signup; confirmation re-checks under a condition. */
    boolean isUsernameTaken(String username);

    Optional<Account> findById(String userId);

    /**
     * The caller's account: the profile authentication read in this request ({@link Principal#profile}, a consistent
     * read moments ago), else {@link #findById} now. Not for an account this request has changed since.
     */
    default Optional<Account> current(Principal caller) {
        return caller.profile() instanceof Account read && read.id().equals(caller.userId())
                ? Optional.of(read) : findById(caller.userId());
    }

    /** Strongly consistent: the account a username names now. */
    Optional<String> findUserIdByUsername(String username);

    /** The accounts of these ids that exist, eventually consistent (for display), in any order (one BatchGetItem per 100). */
    List<Account> findByIds(Collection<String> userIds);

    /** What {@link #updateProfile} did. */
    enum ProfileUpdate {
        UPDATED,
        /** The new username's guard exists: someone has it (nothing was written). */
        USERNAME_TAKEN,
        /** The profile is gone, or its username is no longer {@code oldUsername} (nothing was written). */
        CHANGED_MEANWHILE
    }

    /**
     * Sets the profile's {@code name} (null: unchanged) and, unless {@code newUsername} is null, moves its username
     * from {@code oldUsername} (null: it has none) in one transaction: the profile updated on condition it exists and
     * still has the old username, the old guard deleted on condition it points at this user, the new guard put on
     * condition it does not exist. A name alone is one conditional UpdateItem.
     */
    ProfileUpdate updateProfile(String userId, String oldUsername, String name, String newUsername);
}
