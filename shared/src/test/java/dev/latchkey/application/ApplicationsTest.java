package dev.latchkey.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.auth.UserData;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.mfa.TotpEnrolment;
import dev.latchkey.session.SignedIn;
import dev.latchkey.store.Forgetting;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.Race;
import dev.latchkey.testing.TableScan;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Applications, members and invitations through the use cases, against DynamoDB Local: the journey of issue 11
 * (Ada, Bob, Carol), the last-owner guard, MFA required by role, races and limits. One table for the class.
 */
@DisplayName("applications, members and invitations")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApplicationsTest {
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.9", "curl/8.5.0");
    private static final DefaultCodeGenerator APP = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    private final Domain domain = new Domain("apps");
    private final ManagingApplications apps = domain.component.managingApplications();
    private final ManagingMembers members = domain.component.managingMembers();
    private final Inviting inviting = domain.component.inviting();

    private Principal session(SignedIn signedIn) {
        return domain.acrossRequests(signedIn.session().token());
    }

    private Principal user(String email) {
        return session(Accounts.create(domain, email, CLIENT));
    }

    private MailMessage lastMail(String to) {
        return domain.outbox.messages().stream().filter(m -> m.to().equals(to)).toList().getLast();
    }

    private static Predicate<Throwable> code(ErrorCode code) {
        return e -> e instanceof DomainError d && d.code() == code;
    }

    private static void assertFails(ErrorCode code, Runnable call) {
        assertThatThrownBy(call::run).matches(code(code), "DomainError " + code);
    }

    /** Turns MFA on for the caller; answers the base32 secret. The clock ends one step past the code used. */
    private String enableMfa(Principal caller) {
        TotpEnrolment enrolment = domain.managingMfa.enrol(caller);
        domain.managingMfa.verify(caller, totp(enrolment.secret()), Accounts.PASSWORD);
        domain.clock.advance(Duration.ofSeconds(30));
        return enrolment.secret();
    }

    private String totp(String secret) {
        try {
            return APP.generate(secret, Math.floorDiv(domain.clock.instant().getEpochSecond(), 30));
        } catch (CodeGenerationException e) {
            throw new AssertionError(e);
        }
    }

    /** Invites {@code member} into the application as {@code role} and accepts with the mailed token. */
    private void join(Principal owner, String appId, Principal member, String email, Role role) {
        inviting.invite(owner, appId, email, null, role.wireName());
        inviting.accept(member, new Inviting.Reference(Mail.token(lastMail(email)), null, null));
    }

    @Test
    @DisplayName("case=the journey: Ada creates, invites Bob before he has an account, Bob signs up and accepts, Carol can neither accept nor see it")
    void journey() {
        Principal ada = user("ada@journey.test");
        ApplicationView created = apps.create(ada, "  Greenhouse sensors  ");
        assertThat(created.application().name()).isEqualTo("Greenhouse sensors");
        assertThat(created.role()).isEqualTo(Role.OWNER);
        String appId = created.application().id();
        assertThat(appId).matches("app_[0-9A-Za-z]{22}");

        inviting.invite(ada, appId, "Bob@Journey.test", null, "operator");
        MailMessage invitation = lastMail("Bob@Journey.test");
        assertThat(invitation.subject()).isEqualTo("You are invited to Greenhouse sensors");
        assertThat(invitation.text()).contains("sign up").contains("https://app.latchkey.test/accept-invitation#token=");
        assertThat(invitation.html()).contains("Greenhouse sensors");
        String token = Mail.token(invitation);
        assertThat(TableScan.contains(domain.table, token)).as("the token is stored only hashed").isFalse();

        Principal carol = user("carol@journey.test");
        assertFails(ErrorCode.FORBIDDEN, () -> inviting.accept(carol, new Inviting.Reference(token, null, null)));
        assertFails(ErrorCode.NOT_FOUND, () -> apps.get(carol, appId));
        assertThat(apps.list(carol)).isEmpty();

        Principal bob = user("bob@journey.test");
        List<ReceivedInvitation> received = inviting.mine(bob);
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.applicationName()).isEqualTo("Greenhouse sensors");
            assertThat(r.invitation().role()).isEqualTo(Role.OPERATOR);
        });
        assertThat(inviting.mine(carol)).isEmpty();
        ApplicationView joined = inviting.accept(bob, new Inviting.Reference(token, null, null));
        assertThat(joined.role()).isEqualTo(Role.OPERATOR);
        assertThat(joined.permissions()).containsExactlyInAnyOrder(Permission.READ, Permission.READ_MEMBERS, Permission.LEAVE);
        assertFails(ErrorCode.INVALID_TOKEN, () -> inviting.accept(bob, new Inviting.Reference(token, null, null)));
        assertThat(inviting.mine(bob)).isEmpty();

        assertThat(apps.list(ada)).singleElement().satisfies(v -> assertThat(v.role()).isEqualTo(Role.OWNER));
        assertThat(apps.list(bob)).singleElement().satisfies(v -> {
            assertThat(v.role()).isEqualTo(Role.OPERATOR);
            assertThat(v.application().memberCount()).isEqualTo(2);
        });
        assertFails(ErrorCode.FORBIDDEN, () -> inviting.invite(bob, appId, "dan@journey.test", null, "observer"));
        assertThatThrownBy(() -> apps.update(bob, appId, "Renamed", null)).hasMessageContaining("application:rename");
        assertThat(members.list(ada, appId, null).members()).extracting(Member::email, Member::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ada@journey.test", Role.OWNER),
                        org.assertj.core.groups.Tuple.tuple("bob@journey.test", Role.OPERATOR));
        assertThat(members.list(bob, appId, null).members()).hasSize(2);
    }

    @Test
    @DisplayName("case=names are trimmed, 1 to 100 characters, no control characters; bad ids are 404")
    void names() {
        Principal ada = user("ada@names.test");
        assertFails(ErrorCode.INVALID_REQUEST, () -> apps.create(ada, "   "));
        assertFails(ErrorCode.INVALID_REQUEST, () -> apps.create(ada, "x".repeat(101)));
        assertFails(ErrorCode.INVALID_REQUEST, () -> apps.create(ada, "line\nbreak"));
        assertThat(apps.create(ada, "é".repeat(100)).application().name()).hasSize(100);
        assertFails(ErrorCode.NOT_FOUND, () -> apps.get(ada, "app_../../etc"));
        assertFails(ErrorCode.NOT_FOUND, () -> apps.get(ada, "app_0000000000000000000000"));
    }

    @Test
    @DisplayName("case=inviting a member or someone already invited is a 409 naming the field; a username invitation is bound to that account")
    void duplicatesAndUsernames() {
        Principal ada = user("ada@dup.test");
        Principal bob = user("bob@dup.test");
        String appId = apps.create(ada, "Dup").application().id();
        join(ada, appId, bob, "bob@dup.test", Role.DEVELOPER);
        assertThatThrownBy(() -> inviting.invite(ada, appId, "BOB@dup.test", null, "observer"))
                .matches(code(ErrorCode.CONFLICT)).satisfies(e -> assertThat(((DomainError) e).field()).contains("email"));
        inviting.invite(ada, appId, "eve@dup.test", null, "observer");
        assertThatThrownBy(() -> inviting.invite(ada, appId, "eve@dup.test", null, "developer"))
                .matches(code(ErrorCode.CONFLICT)).hasMessageContaining("pending invitation");
        assertFails(ErrorCode.INVALID_REQUEST, () -> inviting.invite(ada, appId, "x@dup.test", "someone", "observer"));
        assertFails(ErrorCode.INVALID_REQUEST, () -> inviting.invite(ada, appId, null, null, "observer"));
        assertFails(ErrorCode.INVALID_REQUEST, () -> inviting.invite(ada, appId, "x@dup.test", null, "owner"));
        assertFails(ErrorCode.INVALID_REQUEST, () -> inviting.invite(ada, appId, "x@dup.test", null, "admin"));

        // by username: the account the username names now is the invitee; an unknown username is accepted alike and mails nobody
        Principal carol = userNamed("carol@dup.test", "carol-dup");
        Principal mallory = user("mallory@dup.test");
        inviting.invite(ada, appId, null, "carol-dup", "observer");
        assertThat(lastMail("carol@dup.test").subject()).isEqualTo("You are invited to Dup");
        String token = Mail.token(lastMail("carol@dup.test"));
        assertFails(ErrorCode.FORBIDDEN, () -> inviting.accept(mallory, new Inviting.Reference(token, null, null)));
        assertThat(inviting.mine(carol)).hasSize(1);
        assertThatThrownBy(() -> inviting.invite(ada, appId, null, "carol-dup", "developer")).matches(code(ErrorCode.CONFLICT))
                .satisfies(e -> assertThat(((DomainError) e).field()).contains("username"));
        assertThat(inviting.accept(carol, new Inviting.Reference(token, null, null)).role()).isEqualTo(Role.OBSERVER);
        assertFails(ErrorCode.CONFLICT, () -> inviting.invite(ada, appId, null, "carol-dup", "developer"));
        int mailsBefore = domain.outbox.messages().size();
        inviting.invite(ada, appId, null, "nobody-here", "observer");
        assertThat(domain.outbox.messages()).hasSize(mailsBefore);
        assertThat(inviting.list(ada, appId)).extracting(Invitation::username).contains("nobody-here");
    }

    private Principal userNamed(String email, String username) {
        domain.signingUp.signUp(new dev.latchkey.signup.SignupCommand(email, null, username), Accounts.signupIp());
        return session(domain.confirming.confirm(Mail.token(lastMail(email)), Accounts.PASSWORD, CLIENT));
    }

    @Test
    @DisplayName("case=the invitation is bound to its invitee: a wrong account gets 403 and the invitation stays usable for the right one")
    void boundToInvitee() {
        Principal ada = user("ada@bound.test");
        Principal mallory = user("mallory@bound.test");
        Principal bob = user("bob@bound.test");
        String appId = apps.create(ada, "Bound").application().id();
        inviting.invite(ada, appId, "bob@bound.test", null, "developer");
        String token = Mail.token(lastMail("bob@bound.test"));
        String invitationId = inviting.list(ada, appId).getFirst().id();
        assertFails(ErrorCode.FORBIDDEN, () -> inviting.accept(mallory, new Inviting.Reference(token, null, null)));
        assertFails(ErrorCode.FORBIDDEN, () -> inviting.accept(mallory, new Inviting.Reference(null, appId, invitationId)));
        assertFails(ErrorCode.FORBIDDEN, () -> inviting.decline(mallory, new Inviting.Reference(token, null, null)));
        assertThat(inviting.mine(bob)).hasSize(1);
        assertThat(inviting.accept(bob, new Inviting.Reference(null, appId, invitationId)).role()).isEqualTo(Role.DEVELOPER);
    }

    @Test
    @DisplayName("case=racing accepts of one invitation make exactly one membership")
    void racingAccepts() throws Exception {
        Principal ada = user("ada@race.test");
        Principal bob = user("bob@race.test");
        String appId = apps.create(ada, "Race").application().id();
        inviting.invite(ada, appId, "bob@race.test", null, "observer");
        String token = Mail.token(lastMail("bob@race.test"));
        List<Object> results = Race.run(
                () -> inviting.accept(bob, new Inviting.Reference(token, null, null)),
                () -> inviting.accept(bob, new Inviting.Reference(token, null, null)),
                () -> inviting.accept(bob, new Inviting.Reference(token, null, null)));
        assertThat(results.stream().filter(ApplicationView.class::isInstance)).hasSize(1);
        assertThat(results.stream().filter(DomainError.class::isInstance).map(r -> ((DomainError) r).code()))
                .hasSize(2).allMatch(c -> c == ErrorCode.INVALID_TOKEN || c == ErrorCode.CONFLICT);
        assertThat(members.list(ada, appId, null).members()).hasSize(2);
        assertThat(apps.get(ada, appId).application().memberCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("case=resend makes a new token (the old one dies); cancel and decline delete; expired invitations are listed as such and can be renewed")
    void resendCancelExpire() {
        Principal ada = user("ada@resend.test");
        Principal bob = user("bob@resend.test");
        String appId = apps.create(ada, "Resend").application().id();
        inviting.invite(ada, appId, "bob@resend.test", null, "observer");
        String first = Mail.token(lastMail("bob@resend.test"));
        String id = inviting.list(ada, appId).getFirst().id();
        inviting.resend(ada, appId, id);
        String second = Mail.token(lastMail("bob@resend.test"));
        assertThat(second).isNotEqualTo(first);
        assertFails(ErrorCode.INVALID_TOKEN, () -> inviting.accept(bob, new Inviting.Reference(first, null, null)));

        domain.clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertThat(inviting.list(ada, appId)).singleElement().satisfies(i -> assertThat(i.expiredAt(domain.clock.instant())).isTrue());
        assertThat(inviting.mine(bob)).isEmpty();
        assertFails(ErrorCode.INVALID_TOKEN, () -> inviting.accept(bob, new Inviting.Reference(second, null, null)));
        inviting.invite(ada, appId, "bob@resend.test", null, "developer"); // an expired invitation does not block a new one
        assertThat(inviting.list(ada, appId)).singleElement().satisfies(i -> assertThat(i.role()).isEqualTo(Role.DEVELOPER));
        String third = Mail.token(lastMail("bob@resend.test"));
        inviting.decline(bob, new Inviting.Reference(third, null, null));
        assertThat(inviting.list(ada, appId)).isEmpty();
        assertFails(ErrorCode.INVALID_TOKEN, () -> inviting.accept(bob, new Inviting.Reference(third, null, null)));

        inviting.invite(ada, appId, "carol@resend.test", null, "observer");
        String carolId = inviting.list(ada, appId).getFirst().id();
        inviting.cancel(ada, appId, carolId);
        assertFails(ErrorCode.NOT_FOUND, () -> inviting.cancel(ada, appId, carolId));
        assertThat(TableScan.itemsOfType(domain.table, "invitation_token")).noneMatch(i -> i.get("applicationId").s().equals(appId)
                && i.get("expiresAt") != null && Long.parseLong(i.get("expiresAt").n()) > domain.clock.instant().getEpochSecond());
    }

    @Test
    @DisplayName("case=last-owner guard: the owner cannot leave, be demoted or removed; members leave; the owner removes and re-roles, each mailed")
    void lastOwnerGuard() {
        Principal ada = user("ada@guard.test");
        Principal bob = user("bob@guard.test");
        Principal carol = user("carol@guard.test");
        String appId = apps.create(ada, "Guard").application().id();
        join(ada, appId, bob, "bob@guard.test", Role.OPERATOR);
        join(ada, appId, carol, "carol@guard.test", Role.OBSERVER);
        assertFails(ErrorCode.CONFLICT, () -> members.remove(ada, appId, ada.userId()));
        assertFails(ErrorCode.CONFLICT, () -> members.changeRole(ada, appId, ada.userId(), "developer"));
        assertFails(ErrorCode.INVALID_REQUEST, () -> members.changeRole(ada, appId, bob.userId(), "owner"));
        assertFails(ErrorCode.FORBIDDEN, () -> members.remove(bob, appId, ada.userId()));
        assertFails(ErrorCode.FORBIDDEN, () -> members.remove(bob, appId, carol.userId()));

        assertThat(members.changeRole(ada, appId, bob.userId(), "developer").role()).isEqualTo(Role.DEVELOPER);
        assertThat(lastMail("bob@guard.test").subject()).isEqualTo("Your role in Guard changed");
        assertThat(apps.update(bob, appId, "Guarded", null).application().name()).isEqualTo("Guarded");
        members.remove(ada, appId, carol.userId());
        assertThat(lastMail("carol@guard.test").subject()).isEqualTo("You were removed from Guarded");
        assertFails(ErrorCode.NOT_FOUND, () -> apps.get(carol, appId));
        members.remove(bob, appId, bob.userId()); // leaving
        assertFails(ErrorCode.NOT_FOUND, () -> apps.get(bob, appId));
        assertThat(apps.get(ada, appId).application().memberCount()).isEqualTo(1);
        assertFails(ErrorCode.NOT_FOUND, () -> members.remove(ada, appId, bob.userId()));
    }

    @Test
    @DisplayName("case=ownership transfer: to a member only, with the owner's TOTP code when MFA is on; the old owner becomes developer and can leave")
    void transfer() {
        Principal ada = user("ada@transfer.test");
        Principal bob = user("bob@transfer.test");
        Principal carol = user("carol@transfer.test");
        String appId = apps.create(ada, "Transfer").application().id();
        join(ada, appId, bob, "bob@transfer.test", Role.OBSERVER);
        String secret = enableMfa(ada);
        Principal adaNow = ada; // the session survives enabling MFA
        assertFails(ErrorCode.INVALID_REQUEST, () -> apps.transferOwnership(adaNow, appId, carol.userId(), totp(secret), null));
        assertFails(ErrorCode.MFA_REQUIRED, () -> apps.transferOwnership(adaNow, appId, bob.userId(), null, null));
        assertFails(ErrorCode.INVALID_MFA_CODE, () -> apps.transferOwnership(adaNow, appId, bob.userId(), "000000".equals(totp(secret)) ? "111111" : "000000", null));
        assertFails(ErrorCode.FORBIDDEN, () -> apps.transferOwnership(bob, appId, bob.userId(), null, null));

        ApplicationView after = apps.transferOwnership(adaNow, appId, bob.userId(), totp(secret), null);
        assertThat(after.role()).isEqualTo(Role.DEVELOPER);
        assertThat(lastMail("bob@transfer.test").subject()).isEqualTo("You now own Transfer");
        assertThat(apps.get(bob, appId).role()).isEqualTo(Role.OWNER);
        assertThat(apps.get(bob, appId).application().ownerId()).isEqualTo(bob.userId());
        assertFails(ErrorCode.FORBIDDEN, () -> inviting.invite(adaNow, appId, "dan@transfer.test", null, "observer"));
        members.remove(adaNow, appId, ada.userId());
        assertThat(apps.list(ada)).isEmpty();
        assertThat(ownedCount(ada.userId())).isZero();
        assertThat(ownedCount(bob.userId())).isEqualTo(1);
    }

    private long ownedCount(String userId) {
        return TableScan.itemsOfType(domain.table, "owned_apps").stream()
                .filter(i -> i.get("pk").s().equals("USER#" + userId)).mapToLong(i -> Long.parseLong(i.get("owned").n())).sum();
    }

    @Test
    @DisplayName("case=MFA required by role: owner needs MFA to set it, a preview names who it blocks, blocked members get 403 but can leave, accept and disabling MFA are refused")
    void mfaRequiredByRole() {
        Principal ada = user("ada@mfa-role.test");
        Principal bob = user("bob@mfa-role.test");
        Principal carol = user("carol@mfa-role.test");
        String appId = apps.create(ada, "Strict").application().id();
        join(ada, appId, bob, "bob@mfa-role.test", Role.OPERATOR);
        join(ada, appId, carol, "carol@mfa-role.test", Role.OBSERVER);
        List<String> required = List.of("owner", "developer", "operator");
        assertThatThrownBy(() -> apps.update(ada, appId, null, required)).matches(code(ErrorCode.CONFLICT))
                .satisfies(e -> assertThat(((DomainError) e).field()).contains("mfaRequiredRoles"));
        enableMfa(ada);
        ManagingMembers.MemberList preview = members.list(ada, appId, required);
        assertThat(preview.wouldBeBlocked()).containsExactly(bob.userId());
        assertFails(ErrorCode.FORBIDDEN, () -> apps.update(bob, appId, null, List.of()));

        assertThat(apps.update(ada, appId, null, required).application().mfaRequiredRoles())
                .containsExactlyInAnyOrder(Role.OWNER, Role.DEVELOPER, Role.OPERATOR);
        assertFails(ErrorCode.MFA_REQUIRED_FOR_ROLE, () -> apps.get(bob, appId));
        assertFails(ErrorCode.MFA_REQUIRED_FOR_ROLE, () -> members.list(bob, appId, null));
        assertThat(apps.list(bob)).singleElement().satisfies(v -> assertThat(v.blockedByMfa()).isTrue());
        assertThat(apps.get(carol, appId).role()).isEqualTo(Role.OBSERVER); // observers are not required

        enableMfa(bob);
        assertThat(apps.get(bob, appId).role()).isEqualTo(Role.OPERATOR);
        assertThatThrownBy(() -> domain.managingMfa.disable(bob, Accounts.PASSWORD, "123456"))
                .matches(code(ErrorCode.MFA_REQUIRED_BY_APPLICATION)).hasMessageContaining("Strict (operator)");

        // an invitation to a role that requires MFA needs MFA on to accept; the invitation stays
        Principal dan = user("dan@mfa-role.test");
        inviting.invite(ada, appId, "dan@mfa-role.test", null, "developer");
        String token = Mail.token(lastMail("dan@mfa-role.test"));
        assertFails(ErrorCode.MFA_REQUIRED_FOR_ROLE, () -> inviting.accept(dan, new Inviting.Reference(token, null, null)));
        assertThat(inviting.mine(dan)).hasSize(1);

        // a blocked member may still leave
        apps.update(ada, appId, null, List.of("owner", "developer", "operator", "observer"));
        assertFails(ErrorCode.MFA_REQUIRED_FOR_ROLE, () -> apps.get(carol, appId));
        members.remove(carol, appId, carol.userId());
        assertFails(ErrorCode.NOT_FOUND, () -> apps.get(carol, appId));
        assertFails(ErrorCode.INVALID_REQUEST, () -> apps.update(ada, appId, null, List.of("admin")));
    }

    @Test
    @DisplayName("case=deleting an application (owner only) removes it, its members and invitations in the same request")
    void delete() {
        Principal ada = user("ada@delete.test");
        Principal bob = user("bob@delete.test");
        String appId = apps.create(ada, "Doomed").application().id();
        join(ada, appId, bob, "bob@delete.test", Role.DEVELOPER);
        inviting.invite(ada, appId, "carol@delete.test", null, "observer");
        String carolToken = Mail.token(lastMail("carol@delete.test"));
        assertFails(ErrorCode.FORBIDDEN, () -> apps.delete(bob, appId));
        apps.delete(ada, appId);
        assertThat(TableScan.items(domain.table)).noneMatch(i -> i.values().stream().anyMatch(v -> appId.equals(v.s())
                || ("APP#" + appId).equals(v.s())));
        assertThat(apps.list(bob)).isEmpty();
        assertFails(ErrorCode.NOT_FOUND, () -> apps.get(ada, appId));
        Principal carol = user("carol@delete.test");
        assertFails(ErrorCode.INVALID_TOKEN, () -> inviting.accept(carol, new Inviting.Reference(carolToken, null, null)));
        assertThat(ownedCount(ada.userId())).isZero();
    }

    @Test
    @DisplayName("case=limits: a user owns at most 100 applications; an application holds at most its member limit (conditioned in the accept)")
    void limits() {
        Principal ada = user("ada@limits.test");
        for (int i = 0; i < ManagingApplications.MAX_OWNED; i++) {
            apps.create(ada, "App " + i);
        }
        assertFails(ErrorCode.CONFLICT, () -> apps.create(ada, "One too many"));
        assertThat(ownedCount(ada.userId())).isEqualTo(ManagingApplications.MAX_OWNED);

        // the member bound, with a limit of 2 at the store: the third accept is refused and the invitation kept
        ApplicationStore store = domain.component.applicationStore();
        Principal owner = user("owner@limits.test");
        String appId = apps.create(owner, "Small").application().id();
        Principal bob = user("bob@limits.test");
        join(owner, appId, bob, "bob@limits.test", Role.OBSERVER);
        inviting.invite(owner, appId, "carol@limits.test", null, "observer");
        Invitation carols = inviting.list(owner, appId).getFirst();
        Membership carol = new Membership(appId, user("carol@limits.test").userId(), Role.OBSERVER, domain.clock.instant());
        assertThat(store.accept(carols, carol, 2)).isEqualTo(ApplicationStore.AcceptResult.FULL);
        assertThat(inviting.list(owner, appId)).hasSize(1);
        assertThat(store.accept(carols, carol, 3)).isEqualTo(ApplicationStore.AcceptResult.ACCEPTED);
    }

    @Test
    @DisplayName("case=the account clean-up's share: owned applications go whole, memberships and invitations to the user go, nothing of the user stays")
    void forget() {
        Principal ada = user("ada@forget.test");
        Principal bob = user("bob@forget.test");
        String owned = apps.create(ada, "Ada's").application().id();
        String shared = apps.create(bob, "Bob's").application().id();
        join(bob, shared, ada, "ada@forget.test", Role.DEVELOPER);
        join(ada, owned, bob, "bob@forget.test", Role.OBSERVER);
        String third = apps.create(bob, "Third").application().id();
        inviting.invite(bob, third, "ada@forget.test", null, "observer");
        UserData data = domain.component.applicationStore();
        Forgetting forgetting = Forgetting.of(domain.component.latchkeyTable(), ada.userId());
        int deleted = data.forget(new UserData.UserRef(ada.userId(), "ada@forget.test", null), forgetting);
        forgetting.flush();
        assertThat(deleted).isGreaterThanOrEqualTo(3);
        assertThat(TableScan.items(domain.table)).noneMatch(i -> i.values().stream().anyMatch(v -> owned.equals(v.s())));
        List<String> feature = List.of("application", "member", "invitation", "invitation_token", "owned_apps");
        assertThat(TableScan.items(domain.table).stream().filter(i -> feature.contains(type(i))))
                .noneMatch(i -> i.values().stream().anyMatch(v -> v.s() != null && v.s().contains(ada.userId())));
        assertThat(members.list(bob, shared, null).members()).extracting(Member::userId).containsExactly(bob.userId());
        assertThat(inviting.list(bob, third)).isEmpty();
        Forgetting again = Forgetting.of(domain.component.latchkeyTable(), ada.userId());
        assertThat(data.forget(new UserData.UserRef(ada.userId(), "ada@forget.test", null), again)).as("idempotent").isZero();
        assertThat(again.flush()).as("nothing queued the second time").isZero();
    }

    private static String type(Map<String, AttributeValue> item) {
        return item.containsKey("type") ? item.get("type").s() : null;
    }

}
