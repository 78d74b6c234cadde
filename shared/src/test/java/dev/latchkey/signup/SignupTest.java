package dev.latchkey.signup;

import dev.latchkey.account.Account;
import dev.latchkey.session.SignedIn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.testing.Accounts;
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

    private static final String PASSWORD = "correct horse battery staple";

    private static SignupCommand signup(String email) {
        return new SignupCommand(email, null, null);
    }

    private static void signUp(SignupCommand command) {
        domain.signingUp.signUp(command, Accounts.signupIp());
    }

    private static MailMessage lastMailTo(String to) {
        List<MailMessage> mails = domain.outbox.messages().stream().filter(m -> m.to().equalsIgnoreCase(to)).toList();
        assertThat(mails).as("mail to %s", to).isNotEmpty();
        return mails.getLast();
    }

    private static Account createAccount(String email, String password) {
        signUp(signup(email));
        return domain.confirming.confirm(Mail.token(lastMailTo(email)), password, CLIENT).account();
    }

    @Test
    @DisplayName("case=invalid input is refused before anything is written or sent")
    void invalidInputWritesNothing() {
        int mails = domain.outbox.messages().size();
        int items = TableScan.items(domain.table).size();
        assertThatThrownBy(() -> signUp(signup("not-an-email")))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("email"));
        assertThatThrownBy(() -> signUp(new SignupCommand("u@example.com", "", null)))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> signUp(new SignupCommand("u@example.com", null, "X")))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("username"));
        assertThat(domain.outbox.messages()).hasSize(mails);
        assertThat(TableScan.items(domain.table)).hasSize(items);
    }

    @Test
    @DisplayName("case=a new email gets a verification link with the token in the fragment; token and password are stored only hashed")
    void newEmailGetsLink() {
        signUp(new SignupCommand("Grace@Example.com", "Grace Hopper", "grace"));
        MailMessage mail = lastMailTo("Grace@Example.com");
        String token = Mail.token(mail);
        assertThat(token).hasSize(43);
        assertThat(mail.text()).contains("https://app.latchkey.test/verify-email#token=" + token).doesNotContain("?token=");
        assertThat(mail.html()).contains("https://app.latchkey.test/verify-email#token=" + token);
        assertThat(TableScan.contains(domain.table, token)).isFalse();

        SignedIn signedIn = domain.confirming.confirm(token, PASSWORD, CLIENT);
        assertThat(TableScan.contains(domain.table, "correct horse")).isFalse();
        assertThat(signedIn.deviceToken()).hasSize(43);
        assertThat(signedIn.account().email()).isEqualTo("Grace@Example.com");
        assertThat(signedIn.account().emailVerified()).isTrue();
        assertThat(signedIn.account().username()).isEqualTo("grace");
        assertThat(domain.profiles.profile(signedIn.account().id()).name()).isEqualTo("Grace Hopper");
        assertThat(TableScan.contains(domain.table, signedIn.session().token())).isFalse();
        assertThat(domain.authenticating.authenticate("Bearer " + signedIn.session().token()))
                .hasValueSatisfying(p -> assertThat(p.userId()).isEqualTo(signedIn.account().id()));
    }

    @Test
    @DisplayName("case=an existing email gets the same answer, no hashing work either way, and one notice mail instead of a link")
    void existingEmailIsIndistinguishable() {
        createAccount("owner@example.com", PASSWORD);
        int pendingBefore = TableScan.itemsOfType(domain.table, "signup").size();

        long before = domain.hasher.derivations();
        signUp(signup("fresh@example.com"));
        long newEmailWork = domain.hasher.derivations() - before;
        int mailsBefore = domain.outbox.messages().size();

        before = domain.hasher.derivations();
        signUp(signup("OWNER@example.com"));
        long existingEmailWork = domain.hasher.derivations() - before;

        assertThat(existingEmailWork).isEqualTo(newEmailWork).isZero();
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
        signUp(signup("once@example.com"));
        String token = Mail.token(lastMailTo("once@example.com"));
        domain.confirming.confirm(token, PASSWORD, CLIENT);
        assertThatThrownBy(() -> domain.confirming.confirm(token, PASSWORD, CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Test
    @DisplayName("case=a link expires after 24 hours")
    void linkExpires() {
        signUp(signup("late@example.com"));
        String token = Mail.token(lastMailTo("late@example.com"));
        domain.clock.advance(Duration.ofHours(24).plusSeconds(1));
        try {
            assertThatThrownBy(() -> domain.confirming.confirm(token, PASSWORD, CLIENT))
                    .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
        } finally {
            domain.clock.advance(Duration.ofHours(-24).minusSeconds(1));
        }
    }

    @Test
    @DisplayName("case=a malformed token is a 400 naming the field, an unknown one is invalid_token")
    void malformedAndUnknownTokens() {
        assertThatThrownBy(() -> domain.confirming.confirm("short", PASSWORD, CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("token"));
        assertThatThrownBy(() -> domain.confirming.confirm("A".repeat(43), PASSWORD, CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Test
    @DisplayName("case=pre-hijacking: a stranger's signup with the owner's email gives the stranger no password; the owner's link sets the owner's")
    void preHijackingIsImpossible() {
        signUp(signup("claimed@example.com")); // the owner
        String ownersFirstLink = Mail.token(lastMailTo("claimed@example.com"));
        signUp(signup("claimed@example.com")); // a stranger, who cannot send a password and never sees the mail
        String newestLink = Mail.token(lastMailTo("claimed@example.com"));

        assertThatThrownBy(() -> domain.confirming.confirm(ownersFirstLink, PASSWORD, CLIENT))
                .as("a newer signup replaces the older link").isInstanceOf(DomainError.class);
        domain.confirming.confirm(newestLink, "the owner's own passphrase", CLIENT);
        assertThat(domain.signingIn.signIn("claimed@example.com", "the owner's own passphrase", CLIENT)).isNotNull();
        assertThat(TableScan.itemsOfType(domain.table, "signup").stream()
                .filter(i -> i.containsKey("passwordHash"))).as("no pending signup carries a password").isEmpty();
    }

    @Test
    @DisplayName("case=a weak or context-word password at confirm is a 400 naming password and the link stays usable")
    void confirmChecksThePassword() {
        signUp(new SignupCommand("weakling@example.com", "Weak Ling", null));
        String token = Mail.token(lastMailTo("weakling@example.com"));
        for (String weak : new String[] {"short", "password123", "weakling-rules-2026"}) {
            assertThatThrownBy(() -> domain.confirming.confirm(token, weak, CLIENT))
                    .as(weak).isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("password"));
        }
        assertThat(domain.confirming.confirm(token, PASSWORD, CLIENT)).isNotNull();
    }

    @Test
    @DisplayName("case=signups are limited per (email, IP), per email and per IP: nobody floods an inbox")
    void signupsAreLimited() {
        String ip = Accounts.signupIp();
        for (int i = 0; i < 3; i++) {
            domain.signingUp.signUp(signup("flooded@example.com"), ip);
        }
        assertThatThrownBy(() -> domain.signingUp.signUp(signup("flooded@example.com"), ip))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        for (int i = 3; i < 10; i++) {
            signUp(signup("flooded@example.com"));
        }
        assertThatThrownBy(() -> signUp(signup("flooded@example.com")))
                .as("ten mails an hour per address, from anywhere").isInstanceOfSatisfying(DomainError.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
        assertThat(domain.outbox.messages().stream().filter(m -> m.to().equals("flooded@example.com"))).hasSize(10);

        String sprayer = Accounts.signupIp();
        for (int i = 0; i < 20; i++) {
            domain.signingUp.signUp(signup("spray" + i + "@example.com"), sprayer);
        }
        assertThatThrownBy(() -> domain.signingUp.signUp(signup("spray-more@example.com"), sprayer))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    }

    @Test
    @DisplayName("case=a taken username is refused at signup with 409 naming the field")
    void usernameTakenAtSignup() {
        signUp(new SignupCommand("first@example.com", null, "taken"));
        domain.confirming.confirm(Mail.token(lastMailTo("first@example.com")), PASSWORD, CLIENT);
        assertThatThrownBy(() -> signUp(new SignupCommand("second@example.com", null, "taken")))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.field()).contains("username");
                });
    }

    @Test
    @DisplayName("race=two links racing for one username: exactly one account gets it, the other is a 409")
    void usernameRaceAtConfirm() throws Exception {
        signUp(new SignupCommand("left@example.com", null, "contested"));
        signUp(new SignupCommand("right@example.com", null, "contested"));
        String left = Mail.token(lastMailTo("left@example.com"));
        String right = Mail.token(lastMailTo("right@example.com"));
        List<Object> outcomes = Race.run(() -> domain.confirming.confirm(left, PASSWORD, CLIENT), () -> domain.confirming.confirm(right, PASSWORD, CLIENT));
        assertThat(outcomes).filteredOn(o -> o instanceof SignedIn).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof DomainError e && e.code() == ErrorCode.CONFLICT).hasSize(1);
        assertThat(TableScan.items(domain.table).stream().filter(i -> i.get("pk").s().equals("USERNAME#contested"))).hasSize(1);
    }

    @Test
    @DisplayName("race=the same link confirmed twice at once yields exactly one account")
    void sameLinkRace() throws Exception {
        signUp(signup("twice@example.com"));
        String token = Mail.token(lastMailTo("twice@example.com"));
        List<Object> outcomes = Race.run(() -> domain.confirming.confirm(token, PASSWORD, CLIENT), () -> domain.confirming.confirm(token, PASSWORD, CLIENT));
        assertThat(outcomes).filteredOn(o -> o instanceof SignedIn).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof DomainError).hasSize(1);
        assertThat(usersWithEmail("twice@example.com")).isEqualTo(1);
    }

    @Test
    @DisplayName("race=two signups for one email at once, both links confirmed at once: exactly one account")
    void racingSignupsForOneEmail() throws Exception {
        Race.run(() -> {
            signUp(signup("race@example.com"));
            return null;
        }, () -> {
            signUp(signup("race@example.com"));
            return null;
        });
        List<String> links = domain.outbox.messages().stream().filter(m -> m.to().equals("race@example.com")).map(Mail::token).toList();
        assertThat(links).hasSize(2);
        List<Object> outcomes = Race.run(() -> domain.confirming.confirm(links.get(0), PASSWORD, CLIENT), () -> domain.confirming.confirm(links.get(1), PASSWORD, CLIENT));
        assertThat(outcomes).filteredOn(o -> o instanceof SignedIn).hasSize(1);
        assertThat(usersWithEmail("race@example.com")).isEqualTo(1);
        assertThat(TableScan.items(domain.table).stream().filter(i -> i.get("pk").s().equals("EMAIL#race@example.com"))).hasSize(1);
    }

    private static long usersWithEmail(String email) {
        return TableScan.itemsOfType(domain.table, "user").stream().filter(i -> i.get("emailNormalized").s().equals(email)).count();
    }
}
