package dev.latchkey.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.account.SignedIn;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.session.ClientInfo;
import dev.latchkey.session.Principal;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
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
        return domain.authenticating.authenticate("Bearer " + account.session().token()).orElseThrow();
    }

    @Test
    @DisplayName("case=names must be 1 to 64 characters, descriptions at most 256")
    void validatesInput() {
        Principal caller = session("input@example.com");
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "  ", null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "x".repeat(65), null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "ok", "d".repeat(257)))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("description"));
        assertThat(domain.managingApiKeys.create(caller, "x".repeat(64), "d".repeat(256)).apiKey().name()).hasSize(64);
    }

    @Test
    @DisplayName("case=a new key authenticates as its user, is listed without its secret, and is stored only hashed")
    void createsKeys() {
        Principal caller = session("create@example.com");
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "ci-deploy", "Deploys from CI");
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
        domain.managingApiKeys.create(caller, "deploy", null);
        assertThatThrownBy(() -> domain.managingApiKeys.create(caller, "DEPLOY", null))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
                    assertThat(e.field()).contains("name");
                });
        Principal other = session("names-other@example.com");
        assertThat(domain.managingApiKeys.create(other, "deploy", null)).isNotNull();
    }

    @Test
    @DisplayName("case=an API key cannot create or regenerate keys")
    void keysCannotMakeKeys() {
        Principal caller = session("keymaker@example.com");
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "robot", null);
        Principal viaKey = domain.authenticating.authenticate("Bearer " + issued.key()).orElseThrow();
        assertThatThrownBy(() -> domain.managingApiKeys.create(viaKey, "another", null))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REQUIRED));
        assertThatThrownBy(() -> domain.managingApiKeys.regenerate(viaKey, issued.apiKey().id()))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REQUIRED));
    }

    @Test
    @DisplayName("case=revoking stops the key at once and frees its name; another user's key is not found")
    void revokes() {
        Principal caller = session("revoke@example.com");
        Principal stranger = session("revoke-stranger@example.com");
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "temp", null);
        assertThatThrownBy(() -> domain.managingApiKeys.revoke(stranger, issued.apiKey().id()))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        domain.managingApiKeys.revoke(caller, issued.apiKey().id());
        assertThat(domain.authenticating.authenticate("Bearer " + issued.key())).isEmpty();
        assertThat(domain.managingApiKeys.list(caller)).isEmpty();
        assertThat(domain.managingApiKeys.create(caller, "temp", null)).isNotNull();
        assertThatThrownBy(() -> domain.managingApiKeys.revoke(caller, issued.apiKey().id()))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }

    @Test
    @DisplayName("case=regenerating keeps the id and name, kills the old key, and the new one works")
    void regenerates() {
        Principal caller = session("regen@example.com");
        IssuedApiKey first = domain.managingApiKeys.create(caller, "rotating", "desc");
        IssuedApiKey second = domain.managingApiKeys.regenerate(caller, first.apiKey().id());
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
        IssuedApiKey issued = domain.managingApiKeys.create(caller, "used", null);
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
}
