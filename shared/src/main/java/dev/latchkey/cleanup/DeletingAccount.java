package dev.latchkey.cleanup;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountRemoval;
import dev.latchkey.account.AccountStore;
import dev.latchkey.apikey.ApiKeyStore;
import dev.latchkey.application.Application;
import dev.latchkey.application.ApplicationStore;
import dev.latchkey.application.Membership;
import dev.latchkey.application.Role;
import dev.latchkey.auth.Principal;
import dev.latchkey.auth.UserListings;
import dev.latchkey.auth.SecondFactor;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.password.Reauthenticating;
import dev.latchkey.session.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * {@code DELETE /v1/me}: with a session, the account's own password and (MFA on) a code, the profile and its
 * guards go in one transaction. From that moment every token of the user fails ({@code AccountPresence} in
 * authentication) and the address can sign up again; the profile's REMOVE on the table's stream triggers
 * {@link CleaningUp}, which deletes everything else. {@code GET /v1/me/deletion} previews what goes.
 */
@Singleton
public final class DeletingAccount {
    private final AccountStore accounts;
    private final AccountRemoval removal;
    private final Reauthenticating reauthenticating;
    private final SecondFactor secondFactor;
    private final ApplicationStore applications;
    private final ApiKeyStore apiKeys;
    private final SessionStore sessions;
    private final UserListings listings;
    private final Clock clock;

    @Inject
    public DeletingAccount(AccountStore accounts, AccountRemoval removal, Reauthenticating reauthenticating, SecondFactor secondFactor,
                           ApplicationStore applications, ApiKeyStore apiKeys, SessionStore sessions, UserListings listings,
                           Clock clock) {
        this.accounts = accounts;
        this.removal = removal;
        this.reauthenticating = reauthenticating;
        this.secondFactor = secondFactor;
        this.applications = applications;
        this.apiKeys = apiKeys;
        this.sessions = sessions;
        this.listings = listings;
        this.clock = clock;
    }

    /**
     * Needs a session (an API key cannot delete its user), the password of this same account (checked against
     * the caller's own profile, so another account's password fails) and, with MFA on, a TOTP or recovery code.
     * A code is checked (and a wrong one counted), not spent: the factor goes with the account.
     */
    public void delete(Principal caller, String password, String mfaCode, String recoveryCode) {
        caller.requireSession("deleting the account");
        Account account = account(caller);
        reauthenticating.requirePassword(caller, account, password);
        secondFactor.check(account.id(), account.mfaEnabled(), mfaCode, recoveryCode);
        if (!removal.remove(account)) {
            throw DomainError.conflict(null, "the account changed meanwhile (its address or password); nothing was deleted, try again");
        }
    }

    /** {@code GET /v1/me/deletion} (session only). */
    public DeletionPreview preview(Principal caller) {
        caller.requireSession("previewing the account's deletion");
        Account account = account(caller);
        // memberships, API keys and sessions are all listed under the user in the index: one query for the three
        return listings.together(account.id(), () -> {
            List<Membership> memberships = applications.membershipsOf(account.id());
            List<String> owned = memberships.stream().filter(m -> m.role() == Role.OWNER).map(Membership::applicationId).toList();
            List<DeletionPreview.OwnedApplication> ownedApplications = owned.isEmpty() ? List.of()
                    : applications.findAll(owned).stream()
                            .sorted(Comparator.comparing(Application::name, String.CASE_INSENSITIVE_ORDER))
                            .map(a -> new DeletionPreview.OwnedApplication(a.id(), a.name(), a.memberCount()))
                            .toList();
            Instant now = clock.instant();
            int keys = (int) apiKeys.listByUser(account.id()).stream().filter(k -> !k.expiredAt(now)).count();
            return new DeletionPreview(ownedApplications, memberships.size() - owned.size(), keys,
                    sessions.listByUser(account.id()).size(), account.mfaEnabled());
        });
    }


    private Account account(Principal caller) {
        return accounts.current(caller)
                .orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the account is gone"));
    }
}
