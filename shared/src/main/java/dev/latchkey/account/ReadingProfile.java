package dev.latchkey.account;

import dev.latchkey.auth.Principal;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** GET /v1/me. */
@Singleton
public final class ReadingProfile {
    private final AccountStore accounts;

    @Inject
    public ReadingProfile(AccountStore accounts) {
        this.accounts = accounts;
    }

    /**
     * The caller's account, as authentication read it in this request; a token whose account is gone counts as no
     * credential at all.
     */
    public Account profile(Principal caller) {
        return accounts.current(caller)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
    }

    /** The account as stored now (a consistent read). */
    public Account profile(String userId) {
        return accounts.findById(userId)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
    }
}
