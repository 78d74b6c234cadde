package dev.latchkey.account;

import dev.latchkey.auth.Principal;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * PATCH /v1/me: the display name and the username (session or API key). A new username is claimed through its guard
 * item in the same transaction that frees the old one, so two users racing for one name get it once, and a taken one
 * is a 409 with nothing written; the same username again is no change.
 */
@Singleton
public final class EditingProfile {
    private final AccountStore accounts;

    @Inject
    public EditingProfile(AccountStore accounts) {
        this.accounts = accounts;
    }

    /** The profile as it is afterwards. {@code rawName} and {@code rawUsername} null: unchanged; at least one is given. */
    public Account update(Principal caller, String rawName, String rawUsername) {
        if (rawName == null && rawUsername == null) {
            throw DomainError.invalidField("body", "give name, username or both");
        }
        String name = rawName == null ? null : PersonName.parse("name", rawName);
        String username = rawUsername == null ? null : Username.parse("username", rawUsername);
        Account account = accounts.current(caller)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the credential is no longer valid"));
        String newUsername = username == null || username.equals(account.username()) ? null : username;
        if (newUsername == null && (name == null || name.equals(account.name()))) {
            return account;
        }
        switch (accounts.updateProfile(account.id(), account.username(), name, newUsername)) {
            case USERNAME_TAKEN -> throw DomainError.conflict("username", "username is taken; choose another one");
            case CHANGED_MEANWHILE -> throw DomainError.conflict("username",
                    "the profile was changed by another request meanwhile; nothing was changed, try again");
            case UPDATED -> {
                // fall through to the answer
            }
        }
        return new Account(account.id(), account.email(), account.normalizedEmail(), account.emailVerified(),
                name == null ? account.name() : name, newUsername == null ? account.username() : newUsername, account.mfaEnabled(),
                account.createdAt(), account.passwordHash(), account.credentialEpoch());
    }
}
