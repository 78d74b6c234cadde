package dev.latchkey.password;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.ratelimit.LimitPolicy;
import dev.latchkey.auth.Principal;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Step-up for sensitive acts (ASVS 7.5.1): the caller's session signed in recently, or the caller
 * gives the account's password now. Wrong passwords count per (email, session), like wrong current
 * passwords at a password change.
 */
@Singleton
public final class Reauthenticating {
    private final AccountStore accounts;
    private final PasswordHasher hasher;
    private final AttemptLimiter limiter;
    private final Clock clock;

    @Inject
    public Reauthenticating(AccountStore accounts, PasswordHasher hasher, AttemptLimiter limiter, Clock clock) {
        this.accounts = accounts;
        this.hasher = hasher;
        this.limiter = limiter;
        this.clock = clock;
    }

    /** Passes when the session signed in within {@code window} or {@code rawPassword} is the account's; else 403. */
    public void require(Principal caller, String rawPassword, Duration window, String what) {
        if (rawPassword == null && caller.signedInWithin(window, clock.instant())) {
            return;
        }
        if (rawPassword == null) {
            throw DomainError.of(ErrorCode.REAUTHENTICATION_REQUIRED, "password",
                    what + " needs a sign-in within the last " + window.toMinutes() + " minutes, or the password");
        }
        String password = PasswordPolicy.presented("password", rawPassword);
        Account account = accounts.current(caller)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
        verify(caller, account, password, "password");
    }

    /**
     * The password, always (no recent-sign-in shortcut), for an account the caller has read already: changing the
     * second factor takes it every time. 403 {@code invalid_credentials} naming {@code password} when wrong.
     */
    public void requirePassword(Principal caller, Account account, String rawPassword) {
        verify(caller, account, PasswordPolicy.presented("password", rawPassword), "password");
    }

    /**
     * Checks a password the signed-in caller typed against the account's, counted per (email, session):
     * a stolen session guessing it slows down only itself. 403 naming {@code field} when wrong.
     */
    void verify(Principal caller, Account account, String presentedPassword, String field) {
        AttemptLimiter.Subject perSession = AttemptLimiter.subject(LimitPolicy.SIGN_IN_EMAIL_CLIENT, account.normalizedEmail(),
                "session:" + caller.sessionId());
        AttemptLimiter.Attempt attempt = limiter.check(perSession);
        if (!hasher.verify(presentedPassword, account.passwordHash())) {
            attempt.record();
            throw DomainError.of(ErrorCode.WRONG_CURRENT_PASSWORD, field, field.equals("password")
                    ? "the password is wrong" : "the current password is wrong");
        }
        attempt.clear(perSession);
    }
}
