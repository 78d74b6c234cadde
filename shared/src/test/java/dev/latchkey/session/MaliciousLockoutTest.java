package dev.latchkey.session;

import dev.latchkey.auth.ClientInfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.latchkey.session.SignedIn;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.TableScan;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stranger who knows someone's email must not be able to lock that person out (the review's
 * finding: five wrong passwords locked the owner out, one guess per Retry-After kept it so, a reset
 * did not lift it, and five reset requests blocked the owner's own reset).
 */
class MaliciousLockoutTest {
    private static final ClientInfo OWNER = new ClientInfo("192.0.2.200", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
    private static final AtomicInteger IPS = new AtomicInteger();
    private static Domain domain;

    @BeforeAll
    static void table() {
        domain = new Domain("lockout");
    }

    private static ClientInfo stranger() {
        int n = IPS.incrementAndGet();
        return new ClientInfo("10." + (n / 250) + "." + (n % 250) + ".1", "python-requests/2.32");
    }

    private static ErrorCode attempt(String email, String password, String device, ClientInfo client) {
        try {
            domain.signingIn.signIn(email, password, device, client);
            return null;
        } catch (DomainError e) {
            return e.code();
        }
    }

    /** 100 consecutive failures, 5 from each of 20 addresses (each stays under its own limits). */
    private static void hundredFailures(String email) {
        for (int ip = 0; ip < 20; ip++) {
            ClientInfo from = stranger();
            for (int i = 0; i < 5; i++) {
                assertThat(attempt(email, "guess " + ip + "-" + i, null, from)).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
            }
        }
    }

    @Test
    @DisplayName("case=a stranger's wrong passwords, one per Retry-After for an hour, slow the stranger and not the owner")
    void strangerCannotLockOwnerOut() {
        Accounts.create(domain, "owner1@example.com", OWNER);
        ClientInfo attacker = stranger();
        for (int i = 0; i < 5; i++) {
            attempt("owner1@example.com", "guess " + i, null, attacker);
        }
        assertThat(attempt("owner1@example.com", "guess 6", null, attacker)).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(attempt("owner1@example.com", Accounts.PASSWORD, null, OWNER)).as("the owner, elsewhere").isNull();
        for (int i = 0; i < 6; i++) {
            domain.clock.advance(Duration.ofMinutes(15));
            assertThat(attempt("owner1@example.com", "patient guess " + i, null, attacker)).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
            assertThat(attempt("owner1@example.com", Accounts.PASSWORD, null, OWNER)).as("after the stranger's guess %s", i).isNull();
        }
    }

    @Test
    @DisplayName("case=100 consecutive failures stop clients without a device token of the account, never one with it; its success clears the count")
    void accountCapSparesKnownDevices() {
        SignedIn created = Accounts.create(domain, "owner2@example.com", OWNER);
        String device = domain.signingIn.signIn("owner2@example.com", Accounts.PASSWORD, OWNER).deviceToken();
        assertThat(device).hasSize(43);
        assertThat(TableScan.contains(domain.table, device)).as("device tokens are stored hashed").isFalse();
        hundredFailures("owner2@example.com");

        assertThat(attempt("owner2@example.com", Accounts.PASSWORD, null, stranger())).as("a new client, right password").isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(attempt("owner2@example.com", Accounts.PASSWORD, null, OWNER)).as("the owner without the token").isEqualTo(ErrorCode.RATE_LIMITED);
        Accounts.create(domain, "attacker2@example.com", OWNER);
        String otherAccountsDevice = domain.signingIn.signIn("attacker2@example.com", Accounts.PASSWORD, OWNER).deviceToken();
        assertThat(attempt("owner2@example.com", Accounts.PASSWORD, otherAccountsDevice, stranger()))
                .as("a device token of another account does not count").isEqualTo(ErrorCode.RATE_LIMITED);

        SignedIn again = domain.signingIn.signIn("owner2@example.com", Accounts.PASSWORD, device, OWNER);
        assertThat(again.account().id()).isEqualTo(created.account().id());
        assertThat(again.deviceToken()).as("a valid device token is kept").isEqualTo(device);
        assertThat(attempt("owner2@example.com", Accounts.PASSWORD, null, stranger())).as("the success cleared the count").isNull();
    }

    @Test
    @DisplayName("case=a completed password reset lifts the account cap")
    void resetLiftsTheCap() {
        Accounts.create(domain, "owner3@example.com", OWNER);
        hundredFailures("owner3@example.com");
        assertThat(attempt("owner3@example.com", Accounts.PASSWORD, null, OWNER)).isEqualTo(ErrorCode.RATE_LIMITED);
        domain.resettingPassword.request("owner3@example.com", OWNER.ip());
        var mail = domain.outbox.messages().stream().filter(m -> m.to().equals("owner3@example.com")).toList().getLast();
        domain.resettingPassword.confirm(Mail.token(mail), "a passphrase after the attack", null);
        assertThatCode(() -> domain.signingIn.signIn("owner3@example.com", "a passphrase after the attack", OWNER))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("case=five reset requests from a stranger do not block the owner's own reset")
    void strangerCannotBlockReset() {
        Accounts.create(domain, "owner4@example.com", OWNER);
        ClientInfo attacker = stranger();
        for (int i = 0; i < 5; i++) {
            domain.resettingPassword.request("owner4@example.com", attacker.ip());
        }
        assertThatCode(() -> domain.resettingPassword.request("owner4@example.com", OWNER.ip())).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("case=a malformed or unknown device token counts as none")
    void badDeviceTokens() {
        Accounts.create(domain, "owner5@example.com", OWNER);
        for (String device : new String[] {"", "short", "x".repeat(43), "é".repeat(43)}) {
            assertThat(attempt("owner5@example.com", Accounts.PASSWORD, device, OWNER)).isNull();
        }
    }
}
