package dev.latchkey.email;

import dev.latchkey.account.Account;
import java.util.Optional;

/** Port for pending email changes and the move of an account's address. */
public interface EmailChangeStore {

    /** What {@link #complete} did. */
    enum Move {
        MOVED,
        /** The new address's guard exists: another account has it now. */
        ADDRESS_TAKEN,
        /** The pending change is gone or holds another token: used, or replaced by a newer request. */
        LINK_GONE,
        /** The account is gone or its address is no longer the one read, or a racing request got in the way. */
        CHANGED_MEANWHILE
    }

    /** Writes the user's pending change, replacing (and so invalidating) any earlier one. */
    void save(EmailChange change);

    /** Deletes the user's pending change, if any: a newer request that mails no link still replaces the older one. */
    void discard(String userId);

    /** Through the index (eventually consistent); {@link #complete} re-checks the hash under a condition. */
    Optional<EmailChange> findByTokenHash(String tokenHash);

    /**
     * In one transaction: the new address's guard put (on condition it does not exist), the pending change deleted (on
     * condition it still holds this token hash), the profile's address set and marked verified (on condition it exists
     * with {@code account}'s address), the old guard deleted (on condition it points at this user), and any pending
     * password-reset link deleted (it went to the old address).
     */
    Move complete(EmailChange change, Account account);
}
