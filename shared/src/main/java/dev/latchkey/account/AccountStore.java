package dev.latchkey.account;

import dev.latchkey.session.Session;
import java.util.Optional;

/** Port for accounts, their uniqueness guards and pending signups. */
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

    /** Writes the pending signup for its email, replacing any earlier one. */
    void savePending(PendingSignup pending);

    Optional<PendingSignup> findPendingByTokenHash(String tokenHash);

    /**
     * In one transaction: consume {@code pending} (only if it still carries its token hash; the
     * caller has checked its expiry), create {@code account} with its email and username guards, and store its first
     * session.
     *
     * @throws dev.latchkey.error.DomainError INVALID_TOKEN when the pending signup was consumed,
     *     replaced or the email was taken meanwhile; CONFLICT (field username) when the username was.
     */
    void completeSignup(PendingSignup pending, Account account, Session firstSession);
}
