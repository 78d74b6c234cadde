package dev.latchkey.password;

import dev.latchkey.account.Account;
import dev.latchkey.session.Session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.session.SignedIn;
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

class PasswordResetTest {
    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.20", "curl/8.5.0");
    private static final String NEW_PASSWORD = "reset to this passphrase";
    private static Domain domain;
    private static int ipCounter;

    @BeforeAll
    static void table() {
        domain = new Domain("pwreset");
    }

    /** A fresh source IP per call, so the per-IP limit never interferes with the case at hand. */
    private static String ip() {
        return "203.0.113." + (++ipCounter);
    }

    private static MailMessage lastMailTo(String email) {
        return domain.outbox.messages().stream().filter(m -> m.to().equals(email)).toList().getLast();
    }

    @Test
    @DisplayName("case=known and unknown emails get the same answer and the same work: one read, one mail, no hashing")
    void requestIsEnumerationSafe() {
        Accounts.create(domain, "known@example.com", CLIENT);
        int mails = domain.outbox.messages().size();
        long work = domain.hasher.derivations();
        domain.resettingPassword.request("known@example.com", ip());
        domain.resettingPassword.request("unknown@example.com", ip());
        assertThat(domain.outbox.messages()).hasSize(mails + 2);
        assertThat(domain.hasher.derivations()).isEqualTo(work);
        assertThat(lastMailTo("known@example.com").text()).contains("/reset-password#token=");
        assertThat(lastMailTo("unknown@example.com").text()).doesNotContain("token=").contains("no such account");
    }

    @Test
    @DisplayName("case=the link works once, sets the password, ends every session; the old password stops working")
    void linkWorksOnce() {
        SignedIn account = Accounts.create(domain, "once@example.com", CLIENT);
        String otherSession = domain.signingIn.signIn("once@example.com", Accounts.PASSWORD, CLIENT).session().token();
        domain.resettingPassword.request("once@example.com", ip());
        String token = Mail.token(lastMailTo("once@example.com"));
        assertThat(TableScan.contains(domain.table, token)).isFalse();

        domain.resettingPassword.confirm(token, NEW_PASSWORD, null);
        assertThat(domain.authenticating.authenticate("Bearer " + account.session().token())).isEmpty();
        assertThat(domain.authenticating.authenticate("Bearer " + otherSession)).isEmpty();
        assertThatThrownBy(() -> domain.signingIn.signIn("once@example.com", Accounts.PASSWORD, CLIENT)).isInstanceOf(DomainError.class);
        assertThat(domain.signingIn.signIn("once@example.com", NEW_PASSWORD, CLIENT)).isNotNull();
        assertThatThrownBy(() -> domain.resettingPassword.confirm(token, "yet another passphrase", null))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN);
                    assertThat(e.field()).contains("token");
                });
    }

    @Test
    @DisplayName("case=a second request supersedes the first link")
    void newerRequestSupersedes() {
        Accounts.create(domain, "twice@example.com", CLIENT);
        domain.resettingPassword.request("twice@example.com", ip());
        String first = Mail.token(lastMailTo("twice@example.com"));
        domain.resettingPassword.request("twice@example.com", ip());
        String second = Mail.token(lastMailTo("twice@example.com"));
        assertThatThrownBy(() -> domain.resettingPassword.confirm(first, NEW_PASSWORD, null)).isInstanceOf(DomainError.class);
        domain.resettingPassword.confirm(second, NEW_PASSWORD, null);
    }

    @Test
    @DisplayName("case=a link expires after one hour")
    void linkExpires() {
        Accounts.create(domain, "late@example.com", CLIENT);
        domain.resettingPassword.request("late@example.com", ip());
        String token = Mail.token(lastMailTo("late@example.com"));
        domain.clock.advance(Duration.ofHours(1));
        assertThatThrownBy(() -> domain.resettingPassword.confirm(token, NEW_PASSWORD, null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_TOKEN));
    }

    @Test
    @DisplayName("case=the new password passes the signup policy, checked before the link is spent")
    void weakPasswordKeepsLink() {
        Accounts.create(domain, "weak@example.com", CLIENT);
        domain.resettingPassword.request("weak@example.com", ip());
        String token = Mail.token(lastMailTo("weak@example.com"));
        assertThatThrownBy(() -> domain.resettingPassword.confirm(token, "123456789", null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("password"));
        domain.resettingPassword.confirm(token, NEW_PASSWORD, null);
    }

    @Test
    @DisplayName("race=two confirmations of one link at once: exactly one sets its password")
    void confirmRace() throws Exception {
        Accounts.create(domain, "twin-confirms@example.com", CLIENT);
        domain.resettingPassword.request("twin-confirms@example.com", ip());
        String token = Mail.token(lastMailTo("twin-confirms@example.com"));
        String[] passwords = {"first racer passphrase", "second racer passphrase"};
        List<Object> outcomes = Race.run(
                () -> { domain.resettingPassword.confirm(token, passwords[0], null); return passwords[0]; },
                () -> { domain.resettingPassword.confirm(token, passwords[1], null); return passwords[1]; });
        List<Object> winners = outcomes.stream().filter(o -> o instanceof String).toList();
        assertThat(winners).hasSize(1);
        String winner = (String) winners.getFirst();
        String loser = winner.equals(passwords[0]) ? passwords[1] : passwords[0];
        assertThat(domain.signingIn.signIn("twin-confirms@example.com", winner, CLIENT)).isNotNull();
        assertThatThrownBy(() -> domain.signingIn.signIn("twin-confirms@example.com", loser, CLIENT)).isInstanceOf(DomainError.class);
    }

    @Test
    @DisplayName("case=a sixth request for one email from one IP within the hour is rate limited, for unknown emails alike; the owner's own IP is not")
    void requestsAreLimited() {
        Accounts.create(domain, "limited@example.com", CLIENT);
        for (String email : new String[] {"limited@example.com", "nobody-limited@example.com"}) {
            String stranger = ip();
            for (int i = 0; i < 5; i++) {
                domain.resettingPassword.request(email, stranger);
            }
            domain.resettingPassword.request(email, ip()); // the owner, elsewhere: five requests of a stranger do not block it
            assertThatThrownBy(() -> domain.resettingPassword.request(email, stranger))
                    .isInstanceOfSatisfying(DomainError.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                        assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
                        assertThat(e.detail()).isEqualTo("too many attempts; try again later");
                    });
        }
    }

    @Test
    @DisplayName("race=a sign-in that checked the old password cannot store its session once a reset has committed")
    void signInRacingAReset() {
        SignedIn account = Accounts.create(domain, "late-signer@example.com", CLIENT);
        String oldHash = account.account().passwordHash();
        domain.resettingPassword.request("late-signer@example.com", ip());
        domain.resettingPassword.confirm(Mail.token(lastMailTo("late-signer@example.com")), NEW_PASSWORD, null);
        var late = new dev.latchkey.session.Session("ses_late", "hash-of-a-late-token", account.account().id(), domain.clock.instant(),
                domain.clock.instant(), domain.clock.instant().plus(Duration.ofDays(7)), "192.0.2.20", "curl", 0, null);
        assertThat(domain.sessions.create(late, oldHash, java.util.Optional.empty()))
                .isEqualTo(dev.latchkey.session.SessionStore.Created.PASSWORD_CHANGED);
        assertThat(domain.sessions.findByTokenHash("hash-of-a-late-token")).isEmpty();
    }

    @Test
    @DisplayName("case=a session refreshed just before a reset is ended with the others (found by a consistent read)")
    void refreshedSessionEndsToo() {
        SignedIn account = Accounts.create(domain, "refreshed@example.com", CLIENT);
        String token = account.session().token();
        var caller = domain.authenticating.authenticate("Bearer " + token).orElseThrow();
        String refreshed = domain.managingSessions.refresh(caller, "Bearer " + token).token();
        domain.resettingPassword.request("refreshed@example.com", ip());
        domain.resettingPassword.confirm(Mail.token(lastMailTo("refreshed@example.com")), NEW_PASSWORD, null);
        assertThat(domain.authenticating.authenticate("Bearer " + refreshed)).isEmpty();
        assertThat(TableScan.items(domain.table).stream()
                .filter(i -> i.get("pk").s().equals("USER#" + account.account().id()) && i.get("sk").s().startsWith("SESSIONREF#")))
                .isEmpty();
    }
}
