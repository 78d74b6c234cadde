package dev.latchkey.signup;

import dev.latchkey.account.Account;
import dev.latchkey.session.Session;
import java.util.Optional;

/** Port for pending signups, and the transaction that turns one into an account. */
public interface PendingSignupStore {

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
