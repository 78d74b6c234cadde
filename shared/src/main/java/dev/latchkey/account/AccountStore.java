package dev.latchkey.account;

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

    /** Strongly consistent: the account a username names now. */
    Optional<String> findUserIdByUsername(String username);

    /** The accounts of these ids that exist, eventually consistent (for display), in any order (one BatchGetItem per 100). */
    List<Account> findByIds(Collection<String> userIds);
}
