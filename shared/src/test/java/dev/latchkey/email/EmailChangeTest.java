package dev.latchkey.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.account.Account;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.session.SignedIn;
import dev.latchkey.signup.SignupCommand;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.Race;
import dev.latchkey.testing.TableScan;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * POST /v1/me/email and its confirmation through the use case, against DynamoDB Local: the link and the notices, the
 * enumeration-safe answer, who may confirm, expiry, the race with a signup of the same address, the sessions that end.
 */
@DisplayName("changing the email address")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailChangeTest {
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.31", "curl/8.5.0");
    private static final String PASSWORD = Accounts.PASSWORD;

    private final Domain domain = new Domain("email");
    private final ChangingEmail changing = domain.component.changingEmail();

    private Principal principal(SignedIn signedIn) {
        return domain.authenticating.authenticate("Bearer " + signedIn.session().token()).orElseThrow();
    }

    private Principal user(String email) {
        return principal(Accounts.create(domain, email, CLIENT));
    }

    private List<MailMessage> mailTo(String to) {
        return domain.outbox.messages().stream().filter(m -> m.to().equals(to)).toList();
    }

    private List<?> pendingOf(Principal user) {
        return TableScan.itemsOfType(domain.table, "email_change").stream().filter(i -> i.get("userId").s().equals(user.userId())).toList();
    }

    private static void assertFails(ErrorCode code, String field, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DomainError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            if (field != null) {
                assertThat(e.field()).contains(field);
            }
        });
    }

    @Test
    @DisplayName("case=the journey: link to the new address, notice to the old, token stored only hashed; confirming moves the address and its guards, ends the other sessions (the caller's and API keys stay) and kills a pending reset link")
    void journey() {
        SignedIn first = Accounts.create(domain, "ada@old.test", CLIENT);
        Principal ada = principal(first);
        SignedIn second = domain.signingIn.signIn("ada@old.test", PASSWORD, CLIENT);
        String key = domain.managingApiKeys.create(ada, "ci", null, null, null).key();
        domain.resettingPassword.request("ada@old.test", "198.51.100.32");
        String resetToken = Mail.token(mailTo("ada@old.test").getLast());

        changing.request(ada, "Ada@New.test", PASSWORD);
        MailMessage link = mailTo("Ada@New.test").getLast();
        assertThat(link.subject()).isEqualTo("Confirm your new email address");
        assertThat(link.text()).contains("https://app.latchkey.test/confirm-email#token=");
        String token = Mail.token(link);
        assertThat(mailTo("ada@old.test").getLast().subject()).isEqualTo("A change of your email address was requested");
        assertThat(mailTo("ada@old.test").getLast().text()).contains("Ada@New.test").doesNotContain("token=");
        assertThat(TableScan.contains(domain.table, token)).as("the token is stored only hashed").isFalse();
        assertThat(TableScan.contains(domain.table, Hashes.sha256(token))).isTrue();
        assertThat(domain.profiles.profile(ada.userId()).email()).as("nothing moves before the link").isEqualTo("ada@old.test");

        Account moved = changing.confirm(ada, token);
        assertThat(moved.email()).isEqualTo("Ada@New.test");
        assertThat(moved.normalizedEmail()).isEqualTo("ada@new.test");
        assertThat(moved.emailVerified()).isTrue();
        assertThat(domain.profiles.profile(ada.userId())).isEqualTo(moved);
        assertThat(domain.accounts.findUserIdByEmail("ada@new.test")).contains(ada.userId());
        assertThat(domain.accounts.findUserIdByEmail("ada@old.test")).isEmpty();
        assertThat(mailTo("ada@old.test").getLast().subject()).isEqualTo("Your email address was changed");

        assertThat(domain.authenticating.authenticate("Bearer " + first.session().token())).as("the caller's session").isPresent();
        assertThat(domain.authenticating.authenticate("Bearer " + key)).as("API keys stay").isPresent();
        assertThat(domain.authenticating.authenticate("Bearer " + second.session().token())).as("another session").isEmpty();
        assertThat(domain.managingSessions.list(ada)).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(ada.sessionId()));

        assertFails(ErrorCode.INVALID_TOKEN, "token", () -> domain.resettingPassword.confirm(resetToken, "a fresh passphrase", null));
        assertFails(ErrorCode.INVALID_TOKEN, "token", () -> changing.confirm(ada, token));
        assertThat(domain.signingIn.signIn("ADA@new.test", PASSWORD, CLIENT).account().id()).isEqualTo(ada.userId());
        assertThatThrownBy(() -> domain.signingIn.signIn("ada@old.test", PASSWORD, CLIENT)).isInstanceOf(DomainError.class);
        assertThat(pendingOf(ada)).isEmpty();
    }

    @Test
    @DisplayName("case=enumeration-safe: a taken address gets a notice without a link, a free one the link; the caller sees the same; the old address is told either way")
    void enumerationSafe() {
        user("taken@enum.test");
        Principal ada = user("ada@enum.test");
        int before = domain.outbox.messages().size();
        changing.request(ada, "taken@enum.test", PASSWORD);
        List<MailMessage> sent = domain.outbox.messages().subList(before, domain.outbox.messages().size());
        assertThat(sent).extracting(MailMessage::to).containsExactly("taken@enum.test", "ada@enum.test");
        assertThat(sent.getFirst().subject()).isEqualTo("Someone tried to move an account to your email address");
        assertThat(sent.getFirst().text()).doesNotContain("token=");
        assertThat(pendingOf(ada)).isEmpty();

        before = domain.outbox.messages().size();
        changing.request(ada, "free@enum.test", PASSWORD);
        sent = domain.outbox.messages().subList(before, domain.outbox.messages().size());
        assertThat(sent).extracting(MailMessage::to).containsExactly("free@enum.test", "ada@enum.test");
        assertThat(sent.getFirst().text()).contains("/confirm-email#token=");
        assertThat(mailTo("ada@enum.test").subList(1, 3)).extracting(MailMessage::subject)
                .containsOnly("A change of your email address was requested");

        // a request that mails no link still replaces the pending one
        String token = Mail.token(sent.getFirst());
        changing.request(ada, "taken@enum.test", PASSWORD);
        assertFails(ErrorCode.INVALID_TOKEN, "token", () -> changing.confirm(ada, token));
    }

    @Test
    @DisplayName("case=session only, the right password, a new and valid address; wrong passwords are limited")
    void requestChecks() {
        Principal ada = user("ada@checks.test");
        String key = domain.managingApiKeys.create(ada, "ci", null, null, null).key();
        Principal viaKey = domain.authenticating.authenticate("Bearer " + key).orElseThrow();
        assertFails(ErrorCode.SESSION_REQUIRED, null, () -> changing.request(viaKey, "new@checks.test", PASSWORD));
        assertFails(ErrorCode.WRONG_CURRENT_PASSWORD, "password", () -> changing.request(ada, "new@checks.test", "not the password"));
        assertFails(ErrorCode.INVALID_REQUEST, "email", () -> changing.request(ada, "not an address", PASSWORD));
        assertFails(ErrorCode.INVALID_REQUEST, "email", () -> changing.request(ada, "ADA@checks.test", PASSWORD));
        assertThat(mailTo("new@checks.test")).isEmpty();
        for (int i = 0; i < 10; i++) {
            try {
                changing.request(ada, "new@checks.test", "wrong " + i);
            } catch (DomainError expected) {
                if (expected.code() == ErrorCode.RATE_LIMITED) {
                    return;
                }
            }
        }
        throw new AssertionError("wrong passwords were never limited");
    }

    @Test
    @DisplayName("case=five requests an hour per account, taken addresses and free ones alike; the sixth is 429 and mails nothing")
    void requestsAreLimited() {
        Principal ada = user("ada@limit.email.test");
        user("taken@limit.email.test");
        for (int i = 0; i < 5; i++) {
            changing.request(ada, i % 2 == 0 ? "taken@limit.email.test" : "free" + i + "@limit.email.test", PASSWORD);
        }
        int before = domain.outbox.messages().size();
        assertThatThrownBy(() -> changing.request(ada, "free9@limit.email.test", PASSWORD)).isInstanceOfSatisfying(DomainError.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.retryAfter()).isPresent();
        });
        assertThat(domain.outbox.messages()).hasSize(before);
    }

    @Test
    @DisplayName("case=another account cannot confirm (403, the link kept); a malformed token is 400, an expired, replaced or unknown one 400 invalid_token")
    void whoAndWhen() {
        Principal ada = user("ada@who.test");
        Principal bob = user("bob@who.test");
        changing.request(ada, "ada@new-who.test", PASSWORD);
        String token = Mail.token(mailTo("ada@new-who.test").getLast());
        assertFails(ErrorCode.FORBIDDEN, "token", () -> changing.confirm(bob, token));
        assertThat(domain.profiles.profile(bob.userId()).email()).isEqualTo("bob@who.test");
        assertFails(ErrorCode.INVALID_REQUEST, "token", () -> changing.confirm(ada, "short"));
        assertFails(ErrorCode.INVALID_TOKEN, "token", () -> changing.confirm(ada, "A".repeat(43)));
        assertThat(changing.confirm(ada, token).email()).isEqualTo("ada@new-who.test");

        changing.request(ada, "ada@first.who.test", PASSWORD);
        String older = Mail.token(mailTo("ada@first.who.test").getLast());
        changing.request(ada, "ada@second.who.test", PASSWORD);
        String newer = Mail.token(mailTo("ada@second.who.test").getLast());
        assertFails(ErrorCode.INVALID_TOKEN, "token", () -> changing.confirm(ada, older));
        domain.clock.advance(ChangingEmail.LINK_LIFETIME.plusSeconds(1));
        try {
            assertFails(ErrorCode.INVALID_TOKEN, "token", () -> changing.confirm(ada, newer));
            assertThat(domain.profiles.profile(ada.userId()).email()).isEqualTo("ada@new-who.test");
        } finally {
            domain.clock.advance(ChangingEmail.LINK_LIFETIME.plusSeconds(1).negated());
        }
    }

    @Test
    @DisplayName("case=a confirm racing a signup of the same address: exactly one gets it, the loser is refused, the guard names the winner")
    void racingSignup() throws Exception {
        for (int round = 0; round < 3; round++) {
            String wanted = "contested" + round + "@race.email.test";
            Principal ada = user("ada" + round + "@race.email.test");
            changing.request(ada, wanted, PASSWORD);
            String changeToken = Mail.token(mailTo(wanted).getLast());
            domain.signingUp.signUp(new SignupCommand(wanted, null, null), Accounts.signupIp());
            String signupToken = Mail.token(mailTo(wanted).getLast());
            List<Object> results = Race.run(() -> changing.confirm(ada, changeToken),
                    () -> domain.confirming.confirm(signupToken, PASSWORD, CLIENT));
            long wins = results.stream().filter(r -> !(r instanceof DomainError)).count();
            assertThat(wins).as("%s", results).isEqualTo(1);
            String owner = domain.accounts.findUserIdByEmail(wanted).orElseThrow();
            if (results.getFirst() instanceof Account moved) {
                assertThat(owner).isEqualTo(moved.id());
            } else {
                assertThat(((DomainError) results.getFirst()).code()).isEqualTo(ErrorCode.CONFLICT);
                assertThat(owner).isEqualTo(((SignedIn) results.get(1)).account().id());
                assertThat(domain.profiles.profile(ada.userId()).email()).isEqualTo("ada" + round + "@race.email.test");
                assertThat(domain.accounts.findUserIdByEmail("ada" + round + "@race.email.test")).contains(ada.userId());
            }
        }
    }

    @Test
    @DisplayName("case=confirming with an API key works and ends every session of the user")
    void confirmWithApiKey() {
        Principal ada = user("ada@key.email.test");
        String key = domain.managingApiKeys.create(ada, "ci", null, null, null).key();
        changing.request(ada, "ada@key2.email.test", PASSWORD);
        String token = Mail.token(mailTo("ada@key2.email.test").getLast());
        Principal viaKey = domain.authenticating.authenticate("Bearer " + key).orElseThrow();
        assertThat(changing.confirm(viaKey, token).email()).isEqualTo("ada@key2.email.test");
        assertThat(domain.managingSessions.list(viaKey)).isEmpty();
        assertThat(domain.authenticating.authenticate("Bearer " + key)).isPresent();
    }
}
