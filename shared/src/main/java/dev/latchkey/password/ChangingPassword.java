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
        caller.requireSession("changing the password");
        String current = PasswordPolicy.normalize(rawCurrent);
        if (current.isEmpty() || current.codePointCount(0, current.length()) > PasswordPolicy.MAX_LENGTH) {
            throw DomainError.invalidField("currentPassword", "currentPassword must be 1 to " + PasswordPolicy.MAX_LENGTH + " characters");
        }
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
        if (!passwords.updatePasswordHash(account.id(), account.passwordHash(), hasher.hash(next))) {
            throw DomainError.conflict("currentPassword", "the password was changed by another request meanwhile; nothing was changed");
        }
        sessions.deleteAllOfUser(account.id(), caller.sessionId());
    }
}
