package dev.latchkey.password;

import dev.latchkey.account.Account;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.CredentialRevocations;
import dev.latchkey.auth.Principal;
import dev.latchkey.auth.SessionStarter;
import dev.latchkey.auth.StartedSession;
import dev.latchkey.account.AccountStore;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * PUT /v1/me/password: needs a session and the current password (wrong guesses count against the
 * same per-email limit as sign-ins); the new password passes the signup policy. The user moves to a
 * new credential epoch in the same write as the new hash, and a pending reset link dies with it;
 * then every session of the old epoch ends — the caller's too — and the caller gets a new session
 * (ASVS 7.2.4: a new token after re-authentication).
 */
@Singleton
public final class ChangingPassword {
    private final AccountStore accounts;
    private final PasswordResetStore passwords;
    private final CredentialRevocations revocations;
    private final SessionStarter sessions;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Reauthenticating reauthenticating;

    @Inject
    public ChangingPassword(AccountStore accounts, PasswordResetStore passwords, CredentialRevocations revocations, SessionStarter sessions,
                            PasswordPolicy policy, PasswordHasher hasher, Reauthenticating reauthenticating) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.revocations = revocations;
        this.sessions = sessions;
        this.policy = policy;
        this.hasher = hasher;
        this.reauthenticating = reauthenticating;
    }

    /** Returns the caller's new session; its old token, like every other, has stopped working. */
    public StartedSession change(Principal caller, String rawCurrent, String rawNew, ClientInfo client) {
        caller.requireSession("changing the password");
        String current = PasswordPolicy.presented("currentPassword", rawCurrent);
        String next = PasswordPolicy.normalize(rawNew);
        policy.check("newPassword", next);
        Account account = accounts.current(caller)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
        policy.check("newPassword", next, java.util.Arrays.asList(account.email(), account.name(), account.username()));
        reauthenticating.verify(caller, account, current, "currentPassword");
        String newHash = hasher.hash(next);
        long epoch = account.credentialEpoch() + 1;
        if (!passwords.updatePasswordHash(account.id(), account.passwordHash(), newHash, account.credentialEpoch())) {
            throw DomainError.conflict("currentPassword", "the password was changed by another request meanwhile; nothing was changed");
        }
        revocations.endSessionsBefore(account.id(), epoch);
        return sessions.start(account.id(), epoch, newHash, client).orElseThrow(
                () -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the password was changed again meanwhile; sign in again"));
    }
}
