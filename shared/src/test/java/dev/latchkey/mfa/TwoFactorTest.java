package dev.latchkey.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.session.Session;
import dev.latchkey.session.SignedIn;
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
import java.util.Locale;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * TOTP and recovery codes through the domain, against DynamoDB Local, with a clock the test moves. Codes are
 * computed from the base32 secret enrolment shows, as an authenticator app would, with dev.samstevens.totp's
 * generator (the one {@code Totp} uses too: the RFC 6238 vectors in {@code TotpTest} are the independent check).
 */
@DisplayName("two-factor authentication")
class TwoFactorTest {
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.7", "curl/8.5.0");
    private static final DefaultCodeGenerator APP = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);

    private final Domain domain = new Domain("mfa");

    private static String code(String base32Secret, long step) {
        try {
            return APP.generate(base32Secret, step);
        } catch (CodeGenerationException e) {
            throw new AssertionError(e);
        }
    }

    private long step() {
        return Math.floorDiv(domain.clock.instant().getEpochSecond(), 30);
    }

    private Principal session(SignedIn signedIn) {
        return domain.acrossRequests(signedIn.session().token());
    }

    /** An account with MFA on: its secret and recovery codes; the clock is one step past the one verify used. */
    private record Enrolled(SignedIn account, String secret, List<String> recoveryCodes) {
    }

    private Enrolled enrolled(String email) {
        SignedIn account = Accounts.create(domain, email, CLIENT);
        Principal caller = session(account);
        TotpEnrolment enrolment = domain.managingMfa.enrol(caller);
        List<String> codes = domain.managingMfa.verify(caller, code(enrolment.secret(), step()), Accounts.PASSWORD);
        domain.clock.advance(Duration.ofSeconds(30));
        return new Enrolled(account, enrolment.secret(), codes);
    }

    private static ErrorCode codeOf(Throwable e) {
        return ((DomainError) e).code();
    }

    @Test
    @DisplayName("case=enrolment answers a 160-bit secret, its otpauth URI and a QR code; asking again answers the same until 15 minutes pass")
    void enrolment() {
        SignedIn account = Accounts.create(domain, "ada.enrol+mfa@example.com", CLIENT);
        Principal caller = session(account);
        TotpEnrolment first = domain.managingMfa.enrol(caller);
        assertThat(first.secret()).matches("[A-Z2-7]{32}");
        assertThat(first.otpauthUri()).isEqualTo("otpauth://totp/Latchkey:ada.enrol%2Bmfa@example.com?secret=" + first.secret()
                + "&issuer=Latchkey&algorithm=SHA1&digits=6&period=30");
        assertThat(first.qrCodePng()).startsWith("data:image/png;base64,");
        domain.clock.advance(Duration.ofMinutes(14));
        assertThat(domain.managingMfa.enrol(caller).secret()).isEqualTo(first.secret());
        domain.clock.advance(Duration.ofMinutes(2));
        assertThat(domain.managingMfa.enrol(caller).secret()).isNotEqualTo(first.secret());
        assertThat(domain.accounts.findById(account.account().id()).orElseThrow().mfaEnabled()).isFalse();
    }

    @Test
    @DisplayName("case=verify needs the password and a right code; then MFA is on, 10 recovery codes, a notice, and enrolling again is a 409")
    void verify() {
        SignedIn account = Accounts.create(domain, "verify@example.com", CLIENT);
        Principal caller = session(account);
        String secret = domain.managingMfa.enrol(caller).secret();
        String right = code(secret, step());
        assertThatThrownBy(() -> domain.managingMfa.verify(caller, right, "not the password"))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.WRONG_CURRENT_PASSWORD));
        String wrong = right.equals("000000") ? "000001" : "000000";
        assertThatThrownBy(() -> domain.managingMfa.verify(caller, wrong, Accounts.PASSWORD))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        assertThat(domain.accounts.findById(account.account().id()).orElseThrow().mfaEnabled()).isFalse();

        List<String> codes = domain.managingMfa.verify(caller, right, Accounts.PASSWORD);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates();
        assertThat(domain.accounts.findById(account.account().id()).orElseThrow().mfaEnabled()).isTrue();
        assertThat(domain.component.mfaStatus().recoveryCodesLeft(account.account().id())).isEqualTo(10);
        assertThat(lastMail("verify@example.com").subject()).isEqualTo("Two-factor authentication is on");
        assertThatThrownBy(() -> domain.managingMfa.enrol(caller))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.CONFLICT));
        // the step verify used counts as used: the same code cannot sign in
        assertThatThrownBy(() -> domain.signingIn.signIn("verify@example.com", Accounts.PASSWORD, right, null, null, CLIENT))
                .satisfies(e -> assertThat(codeOf(e)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
    }

    @Test
    @DisplayName("case=sign-in: no code is mfa_required, a wrong one invalid_mfa_code, the next step's code signs in once, amr pwd+otp")
    void signIn() {
        Enrolled e = enrolled("signin@example.com");
        assertThatThrownBy(() -> domain.signingIn.signIn("signin@example.com", Accounts.PASSWORD, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.MFA_REQUIRED));
        assertThatThrownBy(() -> domain.signingIn.signIn("signin@example.com", "wrong password", code(e.secret(), step()), null, null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        String now = code(e.secret(), step());
        String other = now.equals("123456") ? "654321" : "123456";
        assertThatThrownBy(() -> domain.signingIn.signIn("signin@example.com", Accounts.PASSWORD, other, null, null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));

        SignedIn signedIn = domain.signingIn.signIn("signin@example.com", Accounts.PASSWORD, now, null, null, CLIENT);
        Principal principal = session(signedIn);
        assertThat(principal.mfa()).isTrue();
        Session stored = domain.managingSessions.list(principal).stream()
                .filter(s -> s.id().equals(signedIn.session().started().id())).findFirst().orElseThrow();
        assertThat(stored.amr()).containsExactly("pwd", "otp");
        assertThatThrownBy(() -> domain.signingIn.signIn("signin@example.com", Accounts.PASSWORD, now, null, null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        // ±1 step: the previous step's code is refused (older than the one used), the next one is accepted
        assertThatThrownBy(() -> domain.signingIn.signIn("signin@example.com", Accounts.PASSWORD, code(e.secret(), step() - 1), null, null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        assertThat(domain.signingIn.signIn("signin@example.com", Accounts.PASSWORD, code(e.secret(), step() + 1), null, null, CLIENT)).isNotNull();
        // two steps ahead is out of the window
        domain.clock.advance(Duration.ofSeconds(90));
        assertThatThrownBy(() -> domain.signingIn.signIn("signin@example.com", Accounts.PASSWORD, code(e.secret(), step() + 2), null, null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
    }

    @Test
    @DisplayName("race=five sign-ins with one fresh code: exactly one session")
    void racingSignIns() throws Exception {
        Enrolled e = enrolled("race@example.com");
        String fresh = code(e.secret(), step());
        Callable<Object> signIn = () -> domain.signingIn.signIn("race@example.com", Accounts.PASSWORD, fresh, null, null, CLIENT);
        List<Object> results = Race.run(signIn, signIn, signIn, signIn, signIn);
        assertThat(results).filteredOn(r -> r instanceof SignedIn).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof DomainError d && d.code() == ErrorCode.INVALID_MFA_CODE).hasSize(4);
    }

    @Test
    @DisplayName("case=a recovery code signs in once, in any case and without dashes; the owner is told how many are left")
    void recoveryCode() {
        Enrolled e = enrolled("recovery@example.com");
        String typed = e.recoveryCodes().get(3).replace("-", "").toUpperCase(Locale.ROOT);
        SignedIn signedIn = domain.signingIn.signIn("recovery@example.com", Accounts.PASSWORD, null, typed, null, CLIENT);
        assertThat(session(signedIn).mfa()).isTrue();
        assertThat(domain.managingSessions.list(session(signedIn)).stream().filter(s -> s.id().equals(signedIn.session().started().id()))
                .findFirst().orElseThrow().amr()).containsExactly("pwd", "recovery");
        assertThat(lastMail("recovery@example.com").subject()).isEqualTo("A recovery code was used");
        assertThat(lastMail("recovery@example.com").text()).contains("9 codes are left");
        assertThat(domain.component.mfaStatus().recoveryCodesLeft(e.account().account().id())).isEqualTo(9);
        assertThatThrownBy(() -> domain.signingIn.signIn("recovery@example.com", Accounts.PASSWORD, null, typed, null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        assertThatThrownBy(() -> domain.signingIn.signIn("recovery@example.com", Accounts.PASSWORD, null, "not-a-code", null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
    }

    @Test
    @DisplayName("race=two sign-ins with one recovery code: exactly one succeeds")
    void racingRecoveryCodes() throws Exception {
        Enrolled e = enrolled("recovery-race@example.com");
        String code = e.recoveryCodes().get(0);
        Callable<Object> signIn = () -> domain.signingIn.signIn("recovery-race@example.com", Accounts.PASSWORD, null, code, null, CLIENT);
        List<Object> results = Race.run(signIn, signIn);
        assertThat(results).filteredOn(r -> r instanceof SignedIn).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof DomainError d && d.code() == ErrorCode.INVALID_MFA_CODE).hasSize(1);
        assertThat(domain.component.mfaStatus().recoveryCodesLeft(e.account().account().id())).isEqualTo(9);
    }

    @Test
    @DisplayName("case=new recovery codes: the old set stops working at once, the new one works")
    void regenerate() {
        Enrolled e = enrolled("regen@example.com");
        Principal caller = session(e.account());
        assertThatThrownBy(() -> domain.managingMfa.regenerateRecoveryCodes(caller, "not the password", code(e.secret(), step())))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.WRONG_CURRENT_PASSWORD));
        assertThatThrownBy(() -> domain.managingMfa.regenerateRecoveryCodes(caller, Accounts.PASSWORD, "not-a-code"))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        assertThat(domain.component.mfaStatus().recoveryCodesLeft(e.account().account().id())).isEqualTo(10);
        List<String> fresh = domain.managingMfa.regenerateRecoveryCodes(caller, Accounts.PASSWORD, code(e.secret(), step()));
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(e.recoveryCodes());
        assertThat(lastMail("regen@example.com").subject()).isEqualTo("New recovery codes");
        assertThatThrownBy(() -> domain.signingIn.signIn("regen@example.com", Accounts.PASSWORD, null, e.recoveryCodes().get(1), null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        assertThat(domain.signingIn.signIn("regen@example.com", Accounts.PASSWORD, null, fresh.get(1), null, CLIENT)).isNotNull();
        // a recovery code can pay for the replacement too, and is spent by it
        List<String> third = domain.managingMfa.regenerateRecoveryCodes(caller, Accounts.PASSWORD, fresh.get(2));
        assertThat(third).hasSize(10);
        assertThat(domain.component.mfaStatus().recoveryCodesLeft(e.account().account().id())).isEqualTo(10);
    }

    @Test
    @DisplayName("case=disable needs the password and a real code; then MFA is off, secret and codes gone, the password alone signs in")
    void disable() {
        Enrolled e = enrolled("disable@example.com");
        Principal caller = session(e.account());
        String right = code(e.secret(), step());
        String wrong = right.equals("111111") ? "222222" : "111111";
        assertThatThrownBy(() -> domain.managingMfa.disable(caller, Accounts.PASSWORD, wrong))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        assertThatThrownBy(() -> domain.managingMfa.disable(caller, "not the password", right))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.WRONG_CURRENT_PASSWORD));
        assertThat(domain.accounts.findById(e.account().account().id()).orElseThrow().mfaEnabled()).isTrue();

        domain.managingMfa.disable(caller, Accounts.PASSWORD, right);
        assertThat(domain.accounts.findById(e.account().account().id()).orElseThrow().mfaEnabled()).isFalse();
        assertThat(domain.mfaStore.findTotp(e.account().account().id())).isEmpty();
        assertThat(domain.mfaStore.recoveryCodes(e.account().account().id())).isEmpty();
        assertThat(lastMail("disable@example.com").subject()).isEqualTo("Two-factor authentication is off");
        assertThat(domain.signingIn.signIn("disable@example.com", Accounts.PASSWORD, CLIENT)).isNotNull();
        assertThatThrownBy(() -> domain.managingMfa.disable(caller, Accounts.PASSWORD, right))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    @DisplayName("case=an application that requires MFA keeps it on: 409 mfa_required_by_application naming it")
    void policyRefuses() {
        Enrolled e = enrolled("policy@example.com");
        ManagingMfa guarded = new ManagingMfa(domain.accounts, domain.mfaStore, domain.component.mfaFactors(),
                userId -> List.of("Billing (owner)"), domain.component.sealer(), domain.component.reauthenticating(),
                domain.limiter, domain.randomness, domain.outbox, domain.component.mailTemplates(), domain.clock, domain.config);
        assertThatThrownBy(() -> guarded.disable(session(e.account()), Accounts.PASSWORD, code(e.secret(), step())))
                .isInstanceOfSatisfying(DomainError.class, x -> {
                    assertThat(x.code()).isEqualTo(ErrorCode.MFA_REQUIRED_BY_APPLICATION);
                    assertThat(x.detail()).contains("Billing (owner)");
                });
        assertThat(domain.accounts.findById(e.account().account().id()).orElseThrow().mfaEnabled()).isTrue();
    }

    @Test
    @DisplayName("case=password reset with MFA on: no code and a wrong code are refused and leave the link usable; a right code resets")
    void resetNeedsTheSecondFactor() {
        Enrolled e = enrolled("reset@example.com");
        domain.resettingPassword.request("reset@example.com", "203.0.113.9");
        String token = Mail.token(lastMail("reset@example.com"));
        String newPassword = "purple monkey dishwasher lantern";
        assertThatThrownBy(() -> domain.resettingPassword.confirm(token, newPassword, null))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.MFA_REQUIRED));
        assertThatThrownBy(() -> domain.resettingPassword.confirm(token, newPassword, "000000".equals(code(e.secret(), step())) ? "000001" : "000000"))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        domain.resettingPassword.confirm(token, newPassword, code(e.secret(), step()));
        domain.clock.advance(Duration.ofSeconds(30));
        assertThat(domain.signingIn.signIn("reset@example.com", newPassword, code(e.secret(), step()), null, null, CLIENT)).isNotNull();
    }

    @Test
    @DisplayName("limit=five wrong codes in 15 minutes, then 429 even for the right code; password failures are counted apart")
    void wrongCodesAreLimited() {
        Enrolled e = enrolled("limit@example.com");
        String right = code(e.secret(), step());
        String wrong = right.equals("999999") ? "999998" : "999999";
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> domain.signingIn.signIn("limit@example.com", Accounts.PASSWORD, wrong, null, null, CLIENT))
                    .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_MFA_CODE));
        }
        assertThatThrownBy(() -> domain.signingIn.signIn("limit@example.com", Accounts.PASSWORD, right, null, null, CLIENT))
                .isInstanceOfSatisfying(DomainError.class, x -> {
                    assertThat(x.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(x.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
                });
        // recovery codes share the limit
        assertThatThrownBy(() -> domain.signingIn.signIn("limit@example.com", Accounts.PASSWORD, null, e.recoveryCodes().get(0), null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.RATE_LIMITED));
        // the password's own counters are apart: a wrong password is still just a wrong password, not a 429
        assertThatThrownBy(() -> domain.signingIn.signIn("limit@example.com", "not the password", right, null, null, CLIENT))
                .satisfies(x -> assertThat(codeOf(x)).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        domain.clock.advance(Duration.ofMinutes(16));
        assertThat(domain.signingIn.signIn("limit@example.com", Accounts.PASSWORD, code(e.secret(), step()), null, null, CLIENT)).isNotNull();
    }

    @Test
    @DisplayName("secrets=the table holds no TOTP secret and no recovery code in clear")
    void nothingInClear() {
        Enrolled e = enrolled("clear@example.com");
        assertThat(TableScan.contains(domain.table, e.secret())).isFalse();
        assertThat(TableScan.contains(domain.table, e.secret().toLowerCase(Locale.ROOT))).isFalse();
        for (String code : e.recoveryCodes()) {
            assertThat(TableScan.contains(domain.table, code)).as(code).isFalse();
            assertThat(TableScan.contains(domain.table, code.replace("-", ""))).as(code).isFalse();
        }
        // it is there, sealed: the scan sees the factor's item
        assertThat(TableScan.itemsOfType(domain.table, "totp")).hasSize(1);
        assertThat(TableScan.itemsOfType(domain.table, "recovery_code")).hasSize(10);
    }

    private MailMessage lastMail(String to) {
        return domain.outbox.messages().stream().filter(m -> m.to().equals(to)).reduce((a, b) -> b).orElseThrow();
    }
}
