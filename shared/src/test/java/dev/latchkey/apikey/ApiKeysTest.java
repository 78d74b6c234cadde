package dev.latchkey.apikey;

import dev.latchkey.mail.MailMessage;
import dev.latchkey.testing.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.session.SignedIn;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.TableScan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.30", "curl/8.5.0");
    private static Domain domain;

    @BeforeAll
    static void table() {
        domain = new Domain("apikeys");
    }

    private static Principal session(String email) {
        SignedIn account = Accounts.create(domain, email, CLIENT);
        TOKENS.put(email, account.session().token());
        return domain.authenticating.authenticate("Bearer " + account.session().token()).orElseThrow();
    }

    @Test
    @DisplayName("case=names must be 1 to 64 characters, descriptions at most 256")
    void validatesInput() {
        Principal caller = session("input@example.com");
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "  ", null, null, null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "x".repeat(65), null, null, null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "ok", "d".repeat(257), null, null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("description"));
        assertThat(domain.managingApiKeys.create(caller, "x".repeat(64), "d".repeat(256), null, null).apiKey().name()).hasSize(64);
    }

    @Test
    @DisplayName("case=a new key authenticates as its user, is listed without its secret, and is stored only hashed")
    void createsKeys() {
        Principal caller = session("create@example.com");
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "ci-deploy", "Deploys from CI", null, null);
        assertThat(issued.key()).matches("lk_k_[0-9A-Za-z]{38}");
        assertThat(issued.apiKey().id()).startsWith("key_");
        assertThat(TableScan.contains(domain.table, issued.key())).isFalse();

        Principal viaKey = domain.authenticating.authenticate("Bearer " + issued.key()).orElseThrow();
        assertThat(viaKey.userId()).isEqualTo(caller.userId());
        assertThat(viaKey.credentialType()).isEqualTo(Principal.CredentialType.API_KEY);
        assertThat(viaKey.apiKeyId()).isEqualTo(issued.apiKey().id());

        List<ApiKey> listed = domain.managingApiKeys.list(caller);
        assertThat(listed).extracting(ApiKey::name).containsExactly("ci-deploy");
        assertThat(listed.getFirst().description()).isEqualTo("Deploys from CI");
    }

    @Test
    @DisplayName("case=a second key with the same name (any case) is a 409 naming the field; another user may use it")
    void namesAreUniquePerUser() {
        Principal caller = session("names@example.com");
        domain.managingApiKeys.create(caller, "deploy", null, null, null);
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "DEPLOY", null, null, null))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.field()).contains("name");
                });
        Principal other = session("names-other@example.com");
        assertThat(domain.managingApiKeys.create(other, "deploy", null, null, null)).isNotNull();
    }

    @Test
    @DisplayName("case=an API key cannot create or regenerate keys")
    void keysCannotMakeKeys() {
        Principal caller = session("keymaker@example.com");
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "robot", null, null, null);
        Principal viaKey = domain.authenticating.authenticate("Bearer " + issued.key()).orElseThrow();
        assertThatThrownBy(() -> domain.managingApiKeys.create(viaKey, "another", null, null, null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REQUIRED));
        assertThatThrownBy(() -> domain.managingApiKeys.regenerate(viaKey, issued.apiKey().id(), null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REQUIRED));
    }

    @Test
    @DisplayName("case=revoking stops the key at once and frees its name; another user's key is not found")
    void revokes() {
        Principal caller = session("revoke@example.com");
        Principal stranger = session("revoke-stranger@example.com");
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "temp", null, null, null);
        assertThatThrownBy(() -> domain.managingApiKeys.revoke(stranger, issued.apiKey().id()))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        domain.managingApiKeys.revoke(caller, issued.apiKey().id());
        assertThat(domain.authenticating.authenticate("Bearer " + issued.key())).isEmpty();
        assertThat(domain.managingApiKeys.list(caller)).isEmpty();
        assertThat(domain.managingApiKeys.create(caller, "temp", null, null, null)).isNotNull();
        assertThatThrownBy(() -> domain.managingApiKeys.revoke(caller, issued.apiKey().id()))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    @DisplayName("case=regenerating keeps the id and name, kills the old key, and the new one works")
    void regenerates() {
        Principal caller = session("regen@example.com");
        IssuedApiKey first = domain.managingApiKeys.create(caller, "rotating", "desc", null, null);
        IssuedApiKey second = domain.managingApiKeys.regenerate(caller, first.apiKey().id(), null);
        assertThat(second.apiKey().id()).isEqualTo(first.apiKey().id());
        assertThat(second.apiKey().name()).isEqualTo("rotating");
        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(domain.authenticating.authenticate("Bearer " + first.key())).isEmpty();
        assertThat(domain.authenticating.authenticate("Bearer " + second.key())).isPresent();
        assertThat(domain.managingApiKeys.list(caller)).hasSize(1);
    }

    @Test
    @DisplayName("case=lastUsedAt is set on first use and then moves at most once a minute")
    void lastUsedAt() {
        Principal caller = session("used@example.com");
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "used", null, null, null);
        assertThat(domain.managingApiKeys.list(caller).getFirst().lastUsedAt()).isNull();
        domain.authenticating.authenticate("Bearer " + issued.key());
        var firstUse = domain.managingApiKeys.list(caller).getFirst().lastUsedAt();
        assertThat(firstUse).isEqualTo(domain.clock.instant());
        domain.clock.advance(Duration.ofSeconds(20));
        domain.authenticating.authenticate("Bearer " + issued.key());
        assertThat(domain.managingApiKeys.list(caller).getFirst().lastUsedAt()).isEqualTo(firstUse);
        domain.clock.advance(Duration.ofSeconds(41));
        domain.authenticating.authenticate("Bearer " + issued.key());
        assertThat(domain.managingApiKeys.list(caller).getFirst().lastUsedAt()).isEqualTo(domain.clock.instant());
    }

    @Test
    @DisplayName("case=creating a key needs a sign-in within 15 minutes, or the password; a wrong password is a 403 naming it")
    void creationNeedsRecentSignIn() {
        Principal caller = session("stepup@example.com");
        domain.clock.advance(ManagingApiKeys.RECENT_SIGN_IN.plusMinutes(1));
        Principal later = domain.authenticating.authenticate("Bearer " + tokenOf("stepup@example.com")).orElseThrow();
        assertThatThrownBy(() -> domain.managingApiKeys.create(later, "late", null, null, null))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.REAUTHENTICATION_REQUIRED);
                    assertThat(e.field()).contains("password");
                });
        assertThatThrownBy(() -> domain.managingApiKeys.create(later, "late", null, null, "not my password"))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.WRONG_CURRENT_PASSWORD));
        IssuedApiKey late = domain.managingApiKeys.create(later, "late", null, null, Accounts.PASSWORD);
        assertThatThrownBy(() -> domain.managingApiKeys.regenerate(later, late.apiKey().id(), null))
                .as("a new secret is a new credential: the same step-up").isInstanceOfSatisfying(DomainError.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REAUTHENTICATION_REQUIRED));
        assertThat(domain.managingApiKeys.regenerate(later, late.apiKey().id(), Accounts.PASSWORD).key()).isNotEqualTo(late.key());
        assertThat(caller.userId()).isEqualTo(later.userId());
    }

    @Test
    @DisplayName("case=a key may expire after 30, 90 or 365 days and stops working then; other values are a 400")
    void keysExpire() {
        Principal caller = session("expiring@example.com");
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "odd", null, 7, null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("expiresInDays"));
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "monthly", null, 30, null);
        assertThat(issued.apiKey().expiresAt()).isEqualTo(issued.apiKey().createdAt().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        IssuedApiKey forever = domain.managingApiKeys.create(caller, "forever", null, null, null);
        assertThat(forever.apiKey().expiresAt()).isNull();
        domain.clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThat(domain.authenticating.authenticate("Bearer " + issued.key())).isEmpty();
        assertThat(domain.authenticating.authenticate("Bearer " + forever.key())).isPresent();
        assertThat(domain.managingApiKeys.list(caller)).extracting(ApiKey::name).containsExactly("forever");
        Principal fresh = domain.authenticating.authenticate("Bearer " + domain.signingIn.signIn("expiring@example.com",
                Accounts.PASSWORD, CLIENT).session().token()).orElseThrow();
        assertThat(domain.managingApiKeys.create(fresh, "monthly", null, 30, null)).as("the expired key's name is free").isNotNull();
    }

    @Test
    @DisplayName("case=a reset revokes the keys a stolen session made, unless revokeApiKeys is false; the mail says which")
    void resetRevokesKeys() {
        Principal caller = session("stolen@example.com");
        IssuedApiKey minted = domain.managingApiKeys.create(caller, "backdoor", null, null, null);
        domain.resettingPassword.request("stolen@example.com", "192.0.2.77");
        domain.resettingPassword.confirm(Mail.token(lastMailTo("stolen@example.com")), "the owner takes it back", null);
        assertThat(domain.authenticating.authenticate("Bearer " + minted.key())).isEmpty();
        assertThat(lastMailTo("stolen@example.com").text()).contains("1 API key was revoked");
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "after", null, null, null))
                .as("the stolen session ended with the reset").isInstanceOf(DomainError.class);

        Principal owner = session("keeper@example.com");
        IssuedApiKey kept = domain.managingApiKeys.create(owner, "automation", null, null, null);
        domain.resettingPassword.request("keeper@example.com", "192.0.2.78");
        domain.resettingPassword.confirm(Mail.token(lastMailTo("keeper@example.com")), "a new owner passphrase", null, false);
        assertThat(domain.authenticating.authenticate("Bearer " + kept.key())).isPresent();
        assertThat(lastMailTo("keeper@example.com").text()).contains("API keys were kept");
    }

    @Test
    @DisplayName("race=a key created by a session while a reset ends it does not survive the reset")
    void keyCreationRacingAReset() throws Exception {
        for (int trial = 0; trial < 10; trial++) {
            String email = "race-key-" + trial + "@example.com";
            Principal caller = session(email);
            domain.resettingPassword.request(email, "192.0.2." + (100 + trial));
            String link = Mail.token(lastMailTo(email));
            List<Object> outcomes = dev.latchkey.testing.Race.run(
                    () -> domain.managingApiKeys.create(caller, "racer", null, null, null),
                    () -> {
                        domain.resettingPassword.confirm(link, "reset while racing", null);
                        return null;
                    });
            if (outcomes.getFirst() instanceof IssuedApiKey key) {
                assertThat(domain.authenticating.authenticate("Bearer " + key.key())).as("trial %s", trial).isEmpty();
            }
        }
    }

    @Test
    @DisplayName("case=an API key cannot revoke a key")
    void keysCannotRevoke() {
        Principal caller = session("norevoke@example.com");
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "robot", null, null, null);
        Principal viaKey = domain.authenticating.authenticate("Bearer " + issued.key()).orElseThrow();
        assertThatThrownBy(() -> domain.managingApiKeys.revoke(viaKey, issued.apiKey().id()))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REQUIRED));
    }

    private static final java.util.Map<String, String> TOKENS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String tokenOf(String email) {
        return TOKENS.get(email);
    }

    private static dev.latchkey.mail.MailMessage lastMailTo(String email) {
        return domain.outbox.messages().stream().filter(m -> m.to().equals(email)).toList().getLast();
    }
}
