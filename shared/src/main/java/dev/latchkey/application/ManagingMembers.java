package dev.latchkey.application;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.auth.Principal;
import dev.latchkey.error.DomainError;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.Mailer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** An application's members: listed by every member, roles changed and members removed by the owner, and leaving. */
@Singleton
public final class ManagingMembers {
    private final ApplicationStore store;
    private final ApplicationAccess access;
    private final AccountStore accounts;
    private final Mailer mailer;
    private final MailTemplates templates;

    @Inject
    public ManagingMembers(ApplicationStore store, ApplicationAccess access, AccountStore accounts, Mailer mailer, MailTemplates templates) {
        this.store = store;
        this.access = access;
        this.accounts = accounts;
        this.mailer = mailer;
        this.templates = templates;
    }

    /**
     * GET /v1/applications/{appId}/members, owner first, then by role and name. With {@code previewMfaRoles}
     * (a requirement the owner considers), {@link MemberList#wouldBeBlocked} names the members it would lock out
     * until they turn MFA on.
     */
    public MemberList list(Principal caller, String applicationId, List<String> previewMfaRoles) {
        Set<Role> preview = previewMfaRoles == null ? null : ManagingApplications.roles("mfaRequiredRoles", previewMfaRoles);
        access.require(caller, applicationId, Permission.READ_MEMBERS);
        List<Membership> memberships = store.members(applicationId);
        Map<String, Account> profiles = accounts.findByIds(memberships.stream().map(Membership::userId).toList()).stream()
                .collect(Collectors.toMap(Account::id, Function.identity()));
        List<Member> members = new ArrayList<>(memberships.size());
        for (Membership m : memberships) {
            Account a = profiles.get(m.userId());
            if (a != null) { // an account deleted a moment ago, before its cleanup has run, is not listed
                members.add(new Member(a.id(), a.username(), a.name(), a.email(), m.role(), a.mfaEnabled(), m.joinedAt()));
            }
        }
        members.sort(Comparator.comparing(Member::role).thenComparing(m -> m.name() == null ? "" : m.name()).thenComparing(Member::userId));
        List<String> blocked = preview == null ? null
                : members.stream().filter(m -> preview.contains(m.role()) && !m.mfaEnabled()).map(Member::userId).toList();
        return new MemberList(members, preview, blocked);
    }

    /** The members, and for a preview the roles considered and the members they would block. */
    public record MemberList(List<Member> members, Set<Role> previewRoles, List<String> wouldBeBlocked) {
    }

    /** PATCH /v1/applications/{appId}/members/{userId} (owner): any role but owner, for anyone but the owner. */
    public Member changeRole(Principal caller, String applicationId, String userId, String rawRole) {
        Role role = Role.parse("role", rawRole);
        if (role == Role.OWNER) {
            throw DomainError.invalidField("role", "role cannot be owner here: transfer ownership with POST /v1/applications/{appId}/owner");
        }
        ApplicationStore.Access granted = access.require(caller, applicationId, Permission.CHANGE_ROLES);
        Membership target = member(applicationId, userId);
        if (target.role() == Role.OWNER) {
            throw DomainError.conflict("role", "the owner cannot be demoted; transfer ownership to another member first");
        }
        if (target.role() != role) {
            if (!store.changeRole(applicationId, userId, role)) {
                throw DomainError.conflict("role", "the member's role changed meanwhile; try again");
            }
        }
        Account account = accounts.findById(userId).orElseThrow(() -> DomainError.notFound("no such member"));
        if (target.role() != role) {
            mailer.send(templates.roleChanged(account.email(), granted.application().name(), role.wireName()));
        }
        return new Member(account.id(), account.username(), account.name(), account.email(), role, account.mfaEnabled(), target.joinedAt());
    }

    /**
     * DELETE /v1/applications/{appId}/members/{userId}: the owner removes a member, or a member leaves
     * ({@code userId} is the caller; allowed even while the application blocks them for MFA). Never the owner.
     */
    public void remove(Principal caller, String applicationId, String userId) {
        if (userId.equals(caller.userId())) {
            ApplicationStore.Access own = access.membership(caller, applicationId);
            if (own.membership().role() == Role.OWNER) {
                throw DomainError.conflict(null, "the owner cannot leave; transfer ownership to another member first, or delete the application");
            }
            Permissions.require(own.membership().role(), Permission.LEAVE); // no MFA check: a blocked member may still leave
            if (!store.removeMember(applicationId, userId)) {
                throw ApplicationAccess.notFound();
            }
            return;
        }
        ApplicationStore.Access granted = access.require(caller, applicationId, Permission.REMOVE_MEMBERS);
        Membership target = member(applicationId, userId);
        if (target.role() == Role.OWNER) {
            throw DomainError.conflict(null, "the owner cannot be removed");
        }
        if (!store.removeMember(applicationId, userId)) {
            throw DomainError.notFound("no such member");
        }
        accounts.findById(userId).ifPresent(a -> mailer.send(templates.removedFromApplication(a.email(), granted.application().name())));
    }

    private Membership member(String applicationId, String userId) {
        return store.membership(applicationId, userId).orElseThrow(() -> DomainError.notFound("no such member"));
    }
}
