package dev.latchkey.application;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.account.EmailAddress;
import dev.latchkey.account.Username;
import dev.latchkey.auth.Principal;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.mail.MailTemplates;
import dev.latchkey.mail.Mailer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Invitations: the owner invites by email or username, lists, resends and cancels; the invitee lists theirs,
 * accepts or declines. An invitation is bound to its invitee (the verified address, or the account the
 * username named): anyone else gets 403 and the invitation stays usable. The mailed token is 256 bits,
 * stored as SHA-256, valid for {@link Config#invitationLifetime()}.
 */
@Singleton
public final class Inviting {
    /** Pending invitations one application may have at once (checked by a read before the write: racing invites can pass it by a few). */
    public static final int MAX_PENDING = 100;
    /** Members one application may have, the owner included (a counter on the application, conditioned in each accept). */
    public static final int MAX_MEMBERS = 1000;

    private final ApplicationStore store;
    private final ApplicationAccess access;
    private final AccountStore accounts;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final Randomness randomness;
    private final Clock clock;
    private final Duration lifetime;

    @Inject
    public Inviting(ApplicationStore store, ApplicationAccess access, AccountStore accounts, Mailer mailer, MailTemplates templates,
                    Randomness randomness, Clock clock, Config config) {
        this.store = store;
        this.access = access;
        this.accounts = accounts;
        this.mailer = mailer;
        this.templates = templates;
        this.randomness = randomness;
        this.clock = clock;
        this.lifetime = config.invitationLifetime();
    }

    /**
     * POST /v1/applications/{appId}/invitations (owner). The same 202 whether or not the address or username has
     * an account: an address without one gets a mail that leads to signup first; a username without one gets
     * an invitation nobody can accept, and no mail. 409 when the invitee is a member or already invited.
     */
    public void invite(Principal caller, String applicationId, String rawEmail, String rawUsername, String rawRole) {
        if ((rawEmail == null) == (rawUsername == null)) {
            throw DomainError.invalidField(rawEmail == null ? "email" : "username", "give either email or username, not both");
        }
        Role role = Role.parse("role", rawRole);
        if (role == Role.OWNER) {
            throw DomainError.invalidField("role", "role cannot be owner: invite as developer, operator or observer, then transfer ownership");
        }
        String field = rawEmail != null ? "email" : "username";
        EmailAddress address = rawEmail == null ? null : EmailAddress.parse("email", rawEmail);
        String username = rawUsername == null ? null : Username.parse("username", rawUsername);
        ApplicationStore.Access granted = access.require(caller, applicationId, Permission.INVITE);
        String inviteeKey;
        String email = null;
        Optional<String> accountId;
        String to;
        if (address != null) {
            inviteeKey = Invitation.EMAIL + address.normalized();
            email = address.value();
            // a hint read: whether the mail says "accept" or "sign up first"; the accept re-checks everything
            accountId = accounts.peekUserIdByEmail(address.normalized());
            to = email;
        } else {
            Optional<Account> named = accounts.findUserIdByUsername(username).flatMap(accounts::findById);
            accountId = named.map(Account::id);
            inviteeKey = named.map(a -> Invitation.USER + a.id()).orElse(Invitation.UNKNOWN_USERNAME + username);
            to = named.map(Account::email).orElse(null);
        }
        if (accountId.isPresent() && store.membership(applicationId, accountId.get()).isPresent()) {
            throw DomainError.conflict(field, "that " + field + " belongs to a member of the application already");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (store.invitations(applicationId).stream().filter(i -> !i.expiredAt(now)).count() >= MAX_PENDING) {
            throw DomainError.conflict(null, "the application has " + MAX_PENDING + " pending invitations, the most allowed; cancel some first");
        }
        String token = randomness.base64Url(32);
        Invitation invitation = new Invitation(invitationId(applicationId, inviteeKey), applicationId, inviteeKey, email, username, role,
                now, now.plus(lifetime), Hashes.sha256(token));
        if (!store.invite(invitation, now)) {
            throw DomainError.conflict(field, "that " + field + " has a pending invitation already; resend or cancel it");
        }
        send(to, accountId.isPresent(), token, invitation, granted.application(), caller.userId());
    }

    /** GET /v1/applications/{appId}/invitations (owner): pending and expired, newest first. */
    public List<Invitation> list(Principal caller, String applicationId) {
        access.require(caller, applicationId, Permission.INVITE);
        List<Invitation> invitations = new ArrayList<>(store.invitations(applicationId));
        invitations.sort(Comparator.comparing(Invitation::createdAt).reversed().thenComparing(Invitation::id));
        return invitations;
    }

    /** POST …/invitations/{id}/resend (owner): a new token and a new validity; the old token stops working. */
    public void resend(Principal caller, String applicationId, String invitationId) {
        ApplicationStore.Access granted = access.require(caller, applicationId, Permission.INVITE);
        Invitation invitation = store.invitation(applicationId, invitationId).orElseThrow(Inviting::noSuchInvitation);
        String token = randomness.base64Url(32);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (!store.replaceToken(invitation, Hashes.sha256(token), now.plus(lifetime))) {
            throw noSuchInvitation();
        }
        Invitation renewed = invitation.withToken(Hashes.sha256(token), now.plus(lifetime));
        if (invitation.inviteeKey().startsWith(Invitation.USER)) {
            accounts.findById(invitation.inviteeKey().substring(Invitation.USER.length()))
                    .ifPresent(a -> send(a.email(), true, token, renewed, granted.application(), caller.userId()));
        } else if (invitation.inviteeKey().startsWith(Invitation.EMAIL)) {
            boolean hasAccount = accounts.peekUserIdByEmail(invitation.inviteeKey().substring(Invitation.EMAIL.length())).isPresent();
            send(invitation.email(), hasAccount, token, renewed, granted.application(), caller.userId());
        } // a username no account had: nobody to tell
    }

    /** DELETE …/invitations/{id} (owner). */
    public void cancel(Principal caller, String applicationId, String invitationId) {
        access.require(caller, applicationId, Permission.INVITE);
        Invitation invitation = store.invitation(applicationId, invitationId).orElseThrow(Inviting::noSuchInvitation);
        if (!store.deleteInvitation(invitation)) {
            throw noSuchInvitation();
        }
    }

    /** GET /v1/me/invitations: pending invitations bound to the caller's account or verified address, newest first. */
    public List<ReceivedInvitation> mine(Principal caller) {
        Account me = accounts.current(caller).orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the account is gone"));
        List<String> keys = new ArrayList<>(List.of(Invitation.USER + me.id()));
        if (me.emailVerified()) {
            keys.add(Invitation.EMAIL + me.normalizedEmail());
        }
        Instant now = clock.instant();
        List<Invitation> pending = store.invitationsFor(keys).stream().filter(i -> !i.expiredAt(now)).toList();
        if (pending.isEmpty()) {
            return List.of();
        }
        Map<String, Application> applications = new HashMap<>();
        store.findAll(pending.stream().map(Invitation::applicationId).distinct().toList()).forEach(a -> applications.put(a.id(), a));
        Map<String, String> owners = new HashMap<>(); // the owner invites: named by their current name or username
        accounts.findByIds(applications.values().stream().map(Application::ownerId).distinct().toList())
                .forEach(a -> owners.put(a.id(), a.name() != null ? a.name() : a.username()));
        return pending.stream()
                .filter(i -> applications.containsKey(i.applicationId()))
                .sorted(Comparator.comparing(Invitation::createdAt).reversed())
                .map(i -> new ReceivedInvitation(i, applications.get(i.applicationId()).name(),
                        owners.get(applications.get(i.applicationId()).ownerId())))
                .toList();
    }

    /**
     * POST /v1/invitations/accept, by the mailed token or by the ids from {@link #mine}. Only the invitee; a role
     * the application requires MFA of needs MFA on. Racing accepts make one membership.
     */
    public ApplicationView accept(Principal caller, Reference reference) {
        Found found = find(caller, reference);
        Application application = store.find(found.invitation().applicationId()).orElseThrow(() -> gone(reference));
        Role role = found.invitation().role();
        if (application.requiresMfa(role) && !found.account().mfaEnabled()) {
            throw ApplicationAccess.mfaRequired(application, role);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        switch (store.accept(found.invitation(), new Membership(application.id(), caller.userId(), role, now), MAX_MEMBERS)) {
            case ACCEPTED -> { }
            case ALREADY_MEMBER -> throw DomainError.conflict(null, "you are a member of this application already");
            case FULL -> throw DomainError.conflict(null, "the application has " + MAX_MEMBERS + " members, the most allowed");
            case INVITATION_GONE -> throw gone(reference);
        }
        Application joined = new Application(application.id(), application.name(), application.ownerId(), application.mfaRequiredRoles(),
                application.memberCount() + 1, application.createdAt());
        return new ApplicationView(joined, role, false);
    }

    /** POST /v1/invitations/decline: only the invitee; the invitation is deleted. */
    public void decline(Principal caller, Reference reference) {
        Found found = find(caller, reference);
        if (!store.deleteInvitation(found.invitation())) {
            throw gone(reference);
        }
    }

    /** Which invitation a request means: the mailed token, or the application and invitation ids. */
    public record Reference(String token, String applicationId, String invitationId) {

        public static Reference of(String token, String applicationId, String invitationId) {
            if (token != null && (applicationId != null || invitationId != null)) {
                throw DomainError.invalidField("token", "give either token, or applicationId and invitationId");
            }
            if (token == null && (applicationId == null || invitationId == null)) {
                throw DomainError.invalidField(applicationId == null ? (invitationId == null ? "token" : "applicationId") : "invitationId",
                        "give either token, or applicationId and invitationId");
            }
            return new Reference(token, applicationId, invitationId);
        }
    }

    private record Found(Invitation invitation, Account account) {
    }

    private Found find(Principal caller, Reference reference) {
        Optional<Invitation> invitation = reference.token() != null
                ? store.invitationByToken(Hashes.sha256(reference.token()))
                : store.invitation(reference.applicationId(), reference.invitationId());
        Instant now = clock.instant();
        Invitation found = invitation.filter(i -> !i.expiredAt(now)).orElseThrow(() -> gone(reference));
        Account me = accounts.current(caller).orElseThrow(() -> DomainError.of(ErrorCode.UNAUTHENTICATED, "the account is gone"));
        if (!found.isFor(me.id(), me.normalizedEmail(), me.emailVerified())) {
            throw DomainError.of(ErrorCode.FORBIDDEN, "this invitation is for another account; sign in as the account it was sent to");
        }
        return new Found(found, me);
    }

    private static DomainError gone(Reference reference) {
        return reference.token() != null
                ? DomainError.invalidToken("token", "the invitation is unknown, expired, replaced by a newer one, or was used")
                : noSuchInvitation();
    }

    private static DomainError noSuchInvitation() {
        return DomainError.notFound("no such invitation");
    }

    private void send(String to, boolean hasAccount, String token, Invitation invitation, Application application, String inviterId) {
        if (to == null) {
            return; // a username no account has: nobody to tell
        }
        String inviter = accounts.findById(inviterId).map(a -> a.name() != null ? a.name() : a.username()).orElse(null);
        mailer.send(templates.invitation(to, application.name(), inviter, invitation.role().wireName(), token, hasAccount,
                lifetime.toDays()));
    }

    /** The same invitee of the same application always gets the same id: one pending invitation each, found by a read. */
    static String invitationId(String applicationId, String inviteeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((applicationId + "\n" + inviteeKey).getBytes(StandardCharsets.UTF_8));
            return "inv_" + java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
