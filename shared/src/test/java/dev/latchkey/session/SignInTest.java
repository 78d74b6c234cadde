package dev.latchkey.session;

import dev.latchkey.auth.Authenticating;
import dev.latchkey.auth.BearerToken;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.session.SignedIn;
import dev.latchkey.signup.SignupCommand;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.TableScan;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Sign-in and token resolution against DynamoDB Local. */
class SignInTest {
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.4", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
    private static final String PASSWORD = "correct horse battery staple";
    private static Domain domain;
    private static String userId;

    @BeforeAll
    static void account() {
        domain = new Domain("signin");
        domain.signingUp.signUp(new SignupCommand("ada@example.com", "Ada", "ada"), "192.0.2.99");
        userId = domain.confirming.confirm(Mail.token(domain.outbox.messages().getLast()), PASSWORD, CLIENT).account().id();
    }

    @Test
    @DisplayName("case=a wrong password and an unknown email get the same error after the same hashing work")
    void wrongEmailAndWrongPasswordLookAlike() {
        long before = domain.hasher.derivations();
        DomainError wrongPassword = catchError(() -> domain.signingIn.signIn("ada@example.com", "not the password", CLIENT));
        long wrongPasswordWork = domain.hasher.derivations() - before;
        before = domain.hasher.derivations();
        DomainError unknownEmail = catchError(() -> domain.signingIn.signIn("nobody@example.com", "not the password", CLIENT));
        long unknownEmailWork = domain.hasher.derivations() - before;

        assertThat(wrongPassword.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(unknownEmail.code()).isEqualTo(wrongPassword.code());
        assertThat(unknownEmail.detail()).isEqualTo(wrongPassword.detail());
        assertThat(unknownEmail.field()).isEqualTo(wrongPassword.field()).isEmpty();
        assertThat(unknownEmailWork).isEqualTo(wrongPasswordWork).isEqualTo(1);
    }

    @Test
    @DisplayName("case=an empty or absurdly long password is a 400 naming the field, without a lookup")
    void passwordShape() {
        assertThat(catchError(() -> domain.signingIn.signIn("ada@example.com", "", CLIENT)).field()).contains("password");
        assertThat(catchError(() -> domain.signingIn.signIn("ada@example.com", "x".repeat(129), CLIENT)).field()).contains("password");
    }

    @Test
    @DisplayName("case=sign-in records ip and user agent, expires in 7 days, and stores only the token's hash")
    void createsSession() {
        SignedIn signedIn = domain.signingIn.signIn("ADA@example.com", PASSWORD, CLIENT);
        Session session = signedIn.session().session();
        assertThat(session.userId()).isEqualTo(userId);
        assertThat(session.ip()).isEqualTo("198.51.100.4");
        assertThat(session.userAgent()).contains("Firefox");
        assertThat(Duration.between(session.createdAt(), session.expiresAt())).isBetween(Duration.ofDays(7).minusSeconds(1), Duration.ofDays(7));
        assertThat(TableScan.contains(domain.table, signedIn.session().token())).isFalse();
        Map<String, AttributeValue> stored = TableScan.itemsOfType(domain.table, "session").stream()
                .filter(i -> i.get("id").s().equals(session.id())).findFirst().orElseThrow();
        assertThat(stored.get("pk").s()).isEqualTo("SESSION#" + session.tokenHash());
        assertThat(stored.get("expiresAt").n()).isEqualTo(String.valueOf(session.expiresAt().getEpochSecond()));
    }

    @Test
    @DisplayName("case=a session token resolves to its user until it expires")
    void tokenExpires() {
        String token = domain.signingIn.signIn("ada@example.com", PASSWORD, CLIENT).session().token();
        assertThat(domain.authenticating.authenticate("Bearer " + token))
                .hasValueSatisfying(p -> {
                    assertThat(p.userId()).isEqualTo(userId);
                    assertThat(p.credentialType()).isEqualTo(Principal.CredentialType.SESSION);
                    assertThat(p.sessionId()).startsWith("ses_");
                });
        assertThat(domain.authenticating.authenticate("bearer " + token)).isPresent();
        domain.clock.advance(Duration.ofDays(7));
        try {
            assertThat(domain.authenticating.authenticate("Bearer " + token)).isEmpty();
        } finally {
            domain.clock.advance(Duration.ofDays(-7));
        }
    }

    @Test
    @DisplayName("case=garbage, tampered and foreign tokens are refused without reading the table")
    void refusesBadTokensWithoutRead() {
        AtomicInteger reads = new AtomicInteger();
        SessionStore counting = new SessionStore() {
            @Override
            public Created create(Session session, String verifiedPasswordHash, Optional<dev.latchkey.auth.FactorUse> factor) {
                throw new AssertionError("not used");
            }

            @Override
            public Optional<Session> findByTokenHash(String tokenHash) {
                reads.incrementAndGet();
                return domain.sessions.findByTokenHash(tokenHash);
            }

            @Override
            public java.util.List<Session> listByUser(String userId) {
                return domain.sessions.listByUser(userId);
            }

            @Override
            public void touch(Session session, java.time.Instant now, java.time.Instant seenAfter) {
                domain.sessions.touch(session, now, seenAfter);
            }

            @Override
            public boolean rotate(Session old, Session replacement) {
                throw new AssertionError("not used");
            }

            @Override
            public boolean delete(Session session) {
                throw new AssertionError("not used");
            }

            @Override
            public boolean endById(String userId, String sessionId, java.time.Instant now) {
                throw new AssertionError("not used");
            }

            @Override
            public int endAllBefore(String userId, long epoch) {
                throw new AssertionError("not used");
            }

            @Override
            public int trimTo(String userId, int keep, java.time.Instant now, String newSessionId) {
                throw new AssertionError("not used");
            }

            @Override
            public int endAllExcept(String userId, String keepSessionId) {
                throw new AssertionError("not used");
            }
        };
        Authenticating authenticating = new Authenticating(java.util.Set.of(
                new SessionCredentials(counting, null, domain.config), new dev.latchkey.apikey.ApiKeyCredentials(domain.apiKeys)),
                userId -> java.util.Optional.<dev.latchkey.auth.Principal.Profile>of(() -> userId), domain.clock);
        String token = domain.signingIn.signIn("ada@example.com", PASSWORD, CLIENT).session().token();
        String tampered = token.substring(0, 12) + (token.charAt(12) == 'a' ? 'b' : 'a') + token.substring(13);

        for (String header : new String[] {null, "", "Bearer", "Bearer ", "Basic abc", token, "Bearer " + tampered,
                "Bearer lk_k_" + token.substring(5), "Bearer " + token + "x"}) {
            assertThat(authenticating.authenticate(header)).as("header %s", header).isEmpty();
        }
        assertThat(reads).hasValue(0);
        assertThat(authenticating.authenticate("Bearer " + token)).isPresent();
        assertThat(reads).hasValue(1);
    }

    @Test
    @DisplayName("case=a well-formed token that was never issued resolves to nobody")
    void unknownToken() {
        String neverIssued = dev.latchkey.auth.BearerToken.issue("lk_s_", domain.randomness);
        assertThat(domain.authenticating.authenticate("Bearer " + neverIssued)).isEmpty();
    }

    private static DomainError catchError(Runnable call) {
        try {
            call.run();
        } catch (DomainError e) {
            return e;
        }
        throw new AssertionError("expected a DomainError");
    }
}
