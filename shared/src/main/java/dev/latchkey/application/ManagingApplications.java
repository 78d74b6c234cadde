package dev.latchkey.application;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.auth.FactorUse;
import dev.latchkey.auth.Principal;
import dev.latchkey.auth.SecondFactor;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.Mailer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Applications: create, list, read, rename, set the MFA requirement, transfer ownership, delete. */
@Singleton
public final class ManagingApplications {
    /** How many applications one user may own. */
    public static final int MAX_OWNED = 100;

    private final ApplicationStore store;
    private final ApplicationAccess access;
    private final AccountStore accounts;
    private final SecondFactor secondFactor;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Randomness randomness;
    private final Clock clock;

    @Inject
    public ManagingApplications(ApplicationStore store, ApplicationAccess access, AccountStore accounts, SecondFactor secondFactor,
                                Mailer mailer, MailTemplates templates, Randomness randomness, Clock clock) {
        this.store = store;
        this.access = access;
        this.accounts = accounts;
        this.secondFactor = secondFactor;
        this.mailer = mailer;
        this.templates = templates;
        this.randomness = randomness;
        this.clock = clock;
    }

    /** POST /v1/applications: the caller becomes its owner. */
    public ApplicationView create(Principal caller, String rawName) {
        String name = Names.parse("name", rawName);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Application application = new Application("app_" + randomness.base62(22), name, caller.userId(), Set.of(), 1, now);
        if (!store.create(application, new Membership(application.id(), caller.userId(), Role.OWNER, now), MAX_OWNED)) {
            throw DomainError.conflict(null, "you own " + MAX_OWNED + " applications, the most one user may own; delete or transfer one first");
        }
        return new ApplicationView(application, Role.OWNER, false);
    }

    /** GET /v1/applications: every application the caller belongs to, by name. */
    public List<ApplicationView> list(Principal caller) {
        List<Membership> memberships = store.membershipsOf(caller.userId());
        if (memberships.isEmpty()) {
            return List.of();
        }
        Map<String, Application> applications = new HashMap<>();
        for (Application application : store.findAll(memberships.stream().map(Membership::applicationId).toList())) {
            applications.put(application.id(), application);
        }
        Boolean mfaEnabled = null;
        List<ApplicationView> views = new java.util.ArrayList<>();
        for (Membership membership : memberships) {
            Application application = applications.get(membership.applicationId());
            if (application == null) {
                continue; // deleted a moment ago; its members go with it
            }
            boolean blocked = false;
            if (application.requiresMfa(membership.role())) {
                if (mfaEnabled == null) {
                    mfaEnabled = accounts.current(caller).map(Account::mfaEnabled).orElse(false);
                }
                blocked = !mfaEnabled;
            }
            views.add(new ApplicationView(application, membership.role(), blocked));
        }
        views.sort(Comparator.comparing((ApplicationView v) -> v.application().name().toLowerCase(Locale.ROOT))
                .thenComparing(v -> v.application().id()));
        return views;
    }

    /** GET /v1/applications/{appId}: with the caller's role and permissions. */
    public ApplicationView get(Principal caller, String applicationId) {
        ApplicationStore.Access granted = access.require(caller, applicationId, Permission.READ);
        return new ApplicationView(granted.application(), granted.membership().role(), false);
    }

    /**
     * PATCH /v1/applications/{appId}: a new name (developer and up) and/or the roles that must have MFA on (owner,
     * who must have MFA on to require it).
     */
    public ApplicationView update(Principal caller, String applicationId, String rawName, List<String> rawMfaRoles) {
        if (rawName == null && rawMfaRoles == null) {
            throw DomainError.invalidField("body", "give name, mfaRequiredRoles or both");
        }
        String name = rawName == null ? null : Names.parse("name", rawName);
        Set<Role> roles = rawMfaRoles == null ? null : roles("mfaRequiredRoles", rawMfaRoles);
        ApplicationStore.Access granted = access.require(caller, applicationId,
                roles != null ? Permission.SET_MFA_REQUIREMENTS : Permission.RENAME);
        if (name != null) {
            Permissions.require(granted.membership().role(), Permission.RENAME);
        }
        if (roles != null && !roles.isEmpty() && !accounts.current(caller).map(Account::mfaEnabled).orElse(false)) {
            throw DomainError.conflict("mfaRequiredRoles",
                    "turn on two-factor authentication for your own account before requiring it of others");
        }
        if (!store.update(applicationId, name, roles)) {
            throw ApplicationAccess.notFound();
        }
        Application before = granted.application();
        Application after = new Application(before.id(), name == null ? before.name() : name, before.ownerId(),
                roles == null ? before.mfaRequiredRoles() : roles, before.memberCount(), before.createdAt());
        return new ApplicationView(after, granted.membership().role(), false);
    }

    /** DELETE /v1/applications/{appId} (owner): the application, its members and invitations go in this request. */
    public void delete(Principal caller, String applicationId) {
        store.delete(access.require(caller, applicationId, Permission.DELETE).application());
    }

    /**
     * POST /v1/applications/{appId}/owner (owner, session only): {@code newOwnerId}, a member, becomes the owner and
     * the caller a developer. With MFA on, the caller's code (or a recovery code) is spent first.
     */
    public ApplicationView transferOwnership(Principal caller, String applicationId, String newOwnerId, String mfaCode, String recoveryCode) {
        caller.requireSession("transferring ownership");
        ApplicationStore.Access granted = access.require(caller, applicationId, Permission.TRANSFER_OWNERSHIP);
        if (newOwnerId.equals(caller.userId())) {
            throw DomainError.invalidField("userId", "userId is already the owner");
        }
        Membership target = store.membership(applicationId, newOwnerId)
                .orElseThrow(() -> DomainError.invalidField("userId", "userId must be a member of the application"));
        Application application = granted.application();
        if (application.requiresMfa(Role.OWNER) && !accounts.findById(target.userId()).map(Account::mfaEnabled).orElse(false)) {
            throw DomainError.conflict("userId", "the application requires two-factor authentication of its owner, and that member has it off");
        }
        Account owner = accounts.current(caller).orElseThrow(ApplicationAccess::notFound);
        Optional<FactorUse> factor = secondFactor.check(owner.id(), owner.mfaEnabled(), mfaCode, recoveryCode);
        factor.ifPresent(use -> secondFactor.spend(use, owner.email()));
        switch (store.transfer(applicationId, caller.userId(), target.userId(), MAX_OWNED)) {
            case DONE -> { }
            case NEW_OWNER_AT_LIMIT -> throw DomainError.conflict("userId", "that member already owns " + MAX_OWNED + " applications");
            case CHANGED_MEANWHILE -> throw DomainError.conflict(null, "the application's members changed meanwhile; try again");
        }
        accounts.findById(target.userId()).ifPresent(a -> mailer.send(templates.ownershipTransferred(a.email(), application.name())));
        Application after = new Application(application.id(), application.name(), target.userId(), application.mfaRequiredRoles(),
                application.memberCount(), application.createdAt());
        return new ApplicationView(after, Role.DEVELOPER, access.blockedByMfa(after, Role.DEVELOPER, caller));
    }

    static Set<Role> roles(String field, List<String> raw) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String value : raw) {
            roles.add(Role.parse(field, value));
        }
        return roles;
    }
}
