package dev.latchkey.password;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.ratelimit.LimitPolicy;
import dev.latchkey.session.Principal;
import dev.latchkey.session.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * PUT /v1/me/password: needs a session and the current password (wrong guesses count against the
 * same per-email limit as sign-ins); the new password passes the signup policy; every other
 * session of the user ends.
 */
@Singleton
public final class ChangingPassword {
    private final AccountStore accounts;
    private final PasswordResetStore passwords;
    private final SessionStore sessions;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final AttemptLimiter limiter;

    @Inject
    public ChangingPassword(AccountStore accounts, PasswordResetStore passwords, SessionStore sessions, PasswordPolicy policy,
                            PasswordHasher hasher, AttemptLimiter limiter) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.sessions = sessions;
        this.policy = policy;
        this.hasher = hasher;
        this.limiter = limiter;
    }

    public void change(Principal caller, String rawCurrent, String rawNew) {
        if (!caller.isSession()) {
            throw DomainError.of(ErrorCode.SESSION_REQUIRED, "changing the password needs a session token, not an API key");
        }
        String current = PasswordPolicy.normalize(rawCurrent);
        String next = PasswordPolicy.normalize(rawNew);
        policy.check("newPassword", next);
        Account account = accounts.findById(caller.userId())
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
        AttemptLimiter.Subject perEmail = AttemptLimiter.subject(LimitPolicy.SIGN_IN_EMAIL, account.normalizedEmail());
        AttemptLimiter.Attempt attempt = limiter.check(perEmail);
        if (!hasher.verify(current, account.passwordHash())) {
            attempt.record();
            throw DomainError.of(ErrorCode.WRONG_CURRENT_PASSWORD, "currentPassword", "the current password is wrong");
        }
        passwords.updatePasswordHash(account.id(), hasher.hash(next));
        sessions.deleteAllOfUser(account.id(), caller.sessionId());
    }
}
