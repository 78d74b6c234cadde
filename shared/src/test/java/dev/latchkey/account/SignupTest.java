package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.session.ClientInfo;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.Race;
import dev.latchkey.testing.TableScan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Signup and its confirmation against DynamoDB Local. */
class SignupTest {
    private static final ClientInfo CLIENT = new ClientInfo("203.0.113.7", "curl/8.5");
    private static Domain domain;

    @BeforeAll
    static void table() {
        domain = new Domain("signup");
    }

    private static SignupCommand signup(String email, String password) {
        return new SignupCommand(email, password, null, null);
    }

    private static MailMessage lastMailTo(String to) {
        List<MailMessage> mails = domain.outbox.messages().stream().filter(m -> m.to().equalsIgnoreCase(to)).toList();
        assertThat(mails).as("mail to %s", to).isNotEmpty();
        return mails.getLast();
    }

    private static Account createAccount(String email, String password) {
        domain.signingUp.signUp(signup(email, password));
        return domain.confirming.confirm(Mail.token(lastMailTo(email)), CLIENT).account();
    }

    @Test
    @DisplayName("case=invalid input is refused before anything is written or sent")
    void invalidInputWritesNothing() {
        int mails = domain.outbox.messages().size();
        int items = TableScan.items(domain.table).size();
        assertThatThrownBy(() -> domain.signingUp.signUp(signup("not-an-email", "correct horse battery staple")))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("email"));
        assertThatThrownBy(() -> domain.signingUp.signUp(signup("short@example.com", "short")))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("password"));
        assertThatThrownBy(() -> domain.signingUp.signUp(new SignupCommand("u@example.com", "correct horse battery staple", "", null)))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> domain.signingUp.signUp(new SignupCommand("u@example.com", "correct horse battery staple", null, "X")))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("username"));
        assertThat(domain.outbox.messages()).hasSize(mails);
        assertThat(TableScan.items(domain.table)).hasSize(items);
    }

    @Test
    @DisplayName("case=a new email gets a verification link; the link's token and the password are stored only hashed")
    void newEmailGetsLink() {
        domain.signingUp.signUp(new SignupCommand("Grace@Example.com", "correct horse battery staple", "Grace Hopper", "grace"));
        MailMessage mail = lastMailTo("Grace@Example.com");
        String token = Mail.token(mail);
        assertThat(token).hasSize(43);
        assertThat(mail.text()).contains("https://app.latchkey.test/verify-email?token=" + token);
        assertThat(mail.html()).contains("https://app.latchkey.test/verify-email?token=" + token);
        assertThat(TableScan.contains(domain.table, token)).isFalse();
        assertThat(TableScan.contains(domain.table, "correct horse")).isFalse();

        SignedIn signedIn = domain.confirming.confirm(token, CLIENT);
        assertThat(signedIn.account().email()).isEqualTo("Grace@Example.com");
        assertThat(signedIn.account().emailVerified()).isTrue();
        assertThat(signedIn.account().username()).isEqualTo("grace");
        assertThat(domain.profiles.profile(signedIn.account().id()).name()).isEqualTo("Grace Hopper");
        assertThat(TableScan.contains(domain.table, signedIn.session().token())).isFalse();
        assertThat(domain.authenticating.authenticate("Bearer " + signedIn.session().token()))
                .hasValueSatisfying(p -> assertThat(p.userId()).isEqualTo(signedIn.account().id()));
    }

    @Test
    @DisplayName("case=an existing email gets the same answer, the same hashing work and one notice mail instead of a link")
    void existingEmailIsIndistinguishable() {
        createAccount("owner@example.com", "correct horse battery staple");
        int pendingBefore = TableScan.itemsOfType(domain.table, "signup").size();

        long before = domain.hasher.derivations();
        domain.signingUp.signUp(signup("fresh@example.com", "another fine password"));
        long newEmailWork = domain.hasher.derivations() - before;
        int mailsBefore = domain.outbox.messages().size();

        before = domain.hasher.derivations();
        domain.signingUp.signUp(signup("OWNER@example.com", "another fine password"));
        long existingEmailWork = domain.hasher.derivations() - before;

        assertThat(existingEmailWork).isEqualTo(newEmailWork).isEqualTo(1);
        assertThat(domain.outbox.messages()).hasSize(mailsBefore + 1);
        MailMessage notice = domain.outbox.messages().getLast();
        assertThat(notice.to()).isEqualTo("OWNER@example.com");
        assertThat(notice.subject()).contains("tried to sign up");
        assertThat(notice.text()).doesNotContain("token=");
        assertThat(TableScan.itemsOfType(domain.table, "signup")).hasSize(pendingBefore + 1);
    }

    @Test
    @DisplayName("case=a link works once")
    void linkIsSingleUse() {
        domain.signingUp.signUp(signup("once@example.com", "correct horse battery staple"));
        String token = Mail.token(lastMailTo("once@example.com"));
        domain.confirming.confirm(token, CLIENT);
        assertThatThrownBy(() -> domain.confirming.confirm(token, CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Test
    @DisplayName("case=a link expires after 24 hours")
    void linkExpires() {
        domain.signingUp.signUp(signup("late@example.com", "correct horse battery staple"));
        String token = Mail.token(lastMailTo("late@example.com"));
        domain.clock.advance(Duration.ofHours(24).plusSeconds(1));
        try {
            assertThatThrownBy(() -> domain.confirming.confirm(token, CLIENT))
                    .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
        } finally {
            domain.clock.advance(Duration.ofHours(-24).minusSeconds(1));
        }
    }

    @Test
    @DisplayName("case=a malformed token is a 400 naming the field, an unknown one is invalid_token")
    void malformedAndUnknownTokens() {
        assertThatThrownBy(() -> domain.confirming.confirm("short", CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("token"));
        assertThatThrownBy(() -> domain.confirming.confirm("A".repeat(43), CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Test
    @DisplayName("case=a newer signup for a pending email replaces it: the older link dies, the newer password counts")
    void newerSignupReplacesPending() {
        domain.signingUp.signUp(signup("claimed@example.com", "stranger's password 1"));
        String strangersLink = Mail.token(lastMailTo("claimed@example.com"));
        domain.signingUp.signUp(signup("claimed@example.com", "owner's real password"));
        String ownersLink = Mail.token(lastMailTo("claimed@example.com"));

        assertThatThrownBy(() -> domain.confirming.confirm(strangersLink, CLIENT)).isInstanceOf(DomainError.class);
        domain.confirming.confirm(ownersLink, CLIENT);
        assertThat(domain.signingIn.signIn("claimed@example.com", "owner's real password", CLIENT)).isNotNull();
        assertThatThrownBy(() -> domain.signingIn.signIn("claimed@example.com", "stranger's password 1", CLIENT))
                .isInstanceOf(DomainError.class);
    }

    @Test
    @DisplayName("case=a taken username is refused at signup with 409 naming the field")
    void usernameTakenAtSignup() {
        domain.signingUp.signUp(new SignupCommand("first@example.com", "correct horse battery staple", null, "taken"));
        domain.confirming.confirm(Mail.token(lastMailTo("first@example.com")), CLIENT);
        assertThatThrownBy(() -> domain.signingUp.signUp(new SignupCommand("second@example.com", "correct horse battery staple", null, "taken")))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.field()).contains("username");
                });
    }

    @Test
    @DisplayName("race=two links racing for one username: exactly one account gets it, the other is a 409")
    void usernameRaceAtConfirm() throws Exception {
        domain.signingUp.signUp(new SignupCommand("left@example.com", "correct horse battery staple", null, "contested"));
        domain.signingUp.signUp(new SignupCommand("right@example.com", "correct horse battery staple", null, "contested"));
        String left = Mail.token(lastMailTo("left@example.com"));
        String right = Mail.token(lastMailTo("right@example.com"));
        List<Object> outcomes = Race.run(() -> domain.confirming.confirm(left, CLIENT), () -> domain.confirming.confirm(right, CLIENT));
        assertThat(outcomes).filteredOn(o -> o instanceof SignedIn).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof DomainError e && e.code() == ErrorCode.CONFLICT).hasSize(1);
        assertThat(TableScan.items(domain.table).stream().filter(i -> i.get("pk").s().equals("USERNAME#contested"))).hasSize(1);
    }

    @Test
    @DisplayName("race=the same link confirmed twice at once yields exactly one account")
    void sameLinkRace() throws Exception {
        domain.signingUp.signUp(signup("twice@example.com", "correct horse battery staple"));
        String token = Mail.token(lastMailTo("twice@example.com"));
        List<Object> outcomes = Race.run(() -> domain.confirming.confirm(token, CLIENT), () -> domain.confirming.confirm(token, CLIENT));
        assertThat(outcomes).filteredOn(o -> o instanceof SignedIn).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof DomainError).hasSize(1);
        assertThat(usersWithEmail("twice@example.com")).isEqualTo(1);
    }

    @Test
    @DisplayName("race=two signups for one email at once, both links confirmed at once: exactly one account")
    void racingSignupsForOneEmail() throws Exception {
        Race.run(() -> {
            domain.signingUp.signUp(signup("race@example.com", "first racer password"));
            return null;
        }, () -> {
            domain.signingUp.signUp(signup("race@example.com", "second racer password"));
            return null;
        });
        List<String> links = domain.outbox.messages().stream().filter(m -> m.to().equals("race@example.com")).map(Mail::token).toList();
        assertThat(links).hasSize(2);
        List<Object> outcomes = Race.run(() -> domain.confirming.confirm(links.get(0), CLIENT), () -> domain.confirming.confirm(links.get(1), CLIENT));
        assertThat(outcomes).filteredOn(o -> o instanceof SignedIn).hasSize(1);
        assertThat(usersWithEmail("race@example.com")).isEqualTo(1);
        assertThat(TableScan.items(domain.table).stream().filter(i -> i.get("pk").s().equals("EMAIL#race@example.com"))).hasSize(1);
    }

    private static long usersWithEmail(String email) {
        return TableScan.itemsOfType(domain.table, "user").stream().filter(i -> i.get("emailNormalized").s().equals(email)).count();
    }
}
