package dev.latchkey.application;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.auth.Principal;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.regex.Pattern;

/**
 * The check in front of every application route: the caller is a member (else 404, so nobody learns that an
 * application exists), the application does not require MFA of their role while they have it off (else 403
 * {@code mfa_required_by_application}; leaving is exempt), and their role has the permission (else 403
 * {@code forbidden} naming it). Decided here, on the server, from stored state only.
 */
@Singleton
public final class ApplicationAccess {
    private static final Pattern ID = Pattern.compile("^app_[0-9A-Za-z]{22}$");

    private final ApplicationStore store;
    private final AccountStore accounts;

    @Inject
    public ApplicationAccess(ApplicationStore store, AccountStore accounts) {
        this.store = store;
        this.accounts = accounts;
    }

    /** The caller's access to the application for {@code permission}. */
    public ApplicationStore.Access require(Principal caller, String applicationId, Permission permission) {
        ApplicationStore.Access access = membership(caller, applicationId);
        if (permission != Permission.LEAVE && blockedByMfa(access.application(), access.membership().role(), caller)) {
            throw mfaRequired(access.application(), access.membership().role());
        }
        Permissions.require(access.membership().role(), permission);
        return access;
    }

    /** The caller's membership, without the MFA and permission checks; 404 for anyone else. */
    public ApplicationStore.Access membership(Principal caller, String applicationId) {
        if (applicationId == null || !ID.matcher(applicationId).matches()) {
            throw notFound();
        }
        return store.access(applicationId, caller.userId()).orElseThrow(ApplicationAccess::notFound);
    }

    /** Whether the application requires MFA of {@code role} and the caller has it off (read only when it matters). */
    public boolean blockedByMfa(Application application, Role role, Principal caller) {
        return application.requiresMfa(role) && !accounts.current(caller).map(Account::mfaEnabled).orElse(false);
    }

    static DomainError mfaRequired(Application application, Role role) {
        return DomainError.of(ErrorCode.MFA_REQUIRED_FOR_ROLE, "the application " + application.name()
                + " requires two-factor authentication of its " + role.wireName() + "s: turn it on for your account first");
    }

    public static DomainError notFound() {
        return DomainError.notFound("no such application");
    }
}
