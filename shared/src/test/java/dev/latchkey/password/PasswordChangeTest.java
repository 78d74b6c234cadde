package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.session.SignedIn;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordChangeTest {
    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.10", "curl/8.5.0");
    private static Domain domain;

    @BeforeAll
    static void table() {
        domain = new Domain("pwchange");
    }

    private static Principal principal(String token) {
        return domain.authenticating.authenticate("Bearer " + token).orElseThrow();
    }

    @Test
    @DisplayName("case=a wrong current password is a 403 naming currentPassword, and nothing changes")
    void wrongCurrentPassword() {
        SignedIn account = Accounts.create(domain, "wrong@example.com", CLIENT);
        Principal caller = principal(account.session().token());
        assertThatThrownBy(() -> domain.changingPassword.change(caller, "not my password", "a brand new passphrase", CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.WRONG_CURRENT_PASSWORD);
                    assertThat(e.field()).contains("currentPassword");
                });
        assertThat(domain.signingIn.signIn("wrong@example.com", Accounts.PASSWORD, CLIENT)).isNotNull();
    }

    @Test
    @DisplayName("case=the new password passes the signup policy")
    void weakNewPassword() {
        SignedIn account = Accounts.create(domain, "weak@example.com", CLIENT);
        Principal caller = principal(account.session().token());
        assertThatThrownBy(() -> domain.changingPassword.change(caller, Accounts.PASSWORD, "password1", CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("newPassword"));
        assertThatThrownBy(() -> domain.changingPassword.change(caller, Accounts.PASSWORD, "short", CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("newPassword"));
    }

    @Test
    @DisplayName("case=an API key cannot change the password")
    void needsSession() {
        SignedIn account = Accounts.create(domain, "keyonly@example.com", CLIENT);
        Principal viaKey = new Principal(account.account().id(), Principal.CredentialType.API_KEY, "key_x");
        assertThatThrownBy(() -> domain.changingPassword.change(viaKey, Accounts.PASSWORD, "a brand new passphrase", CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REQUIRED));
    }

    @Test
    @DisplayName("case=a change ends every session, the caller's included, gives the caller a new token, and only the new password signs in")
    void changeEndsOtherSessions() {
        SignedIn account = Accounts.create(domain, "change@example.com", CLIENT);
        String other = domain.signingIn.signIn("change@example.com", Accounts.PASSWORD, CLIENT).session().token();
        String current = account.session().token();
        var renewed = domain.changingPassword.change(principal(current), Accounts.PASSWORD, "a brand new passphrase", CLIENT);
        assertThat(domain.authenticating.authenticate("Bearer " + other)).isEmpty();
        assertThat(domain.authenticating.authenticate("Bearer " + current)).as("ASVS 7.2.4: the old token ends").isEmpty();
        assertThat(renewed.token()).isNotEqualTo(current);
        assertThat(domain.authenticating.authenticate("Bearer " + renewed.token())).isPresent();
        assertThatThrownBy(() -> domain.signingIn.signIn("change@example.com", Accounts.PASSWORD, CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS));
        assertThat(domain.signingIn.signIn("change@example.com", "a brand new passphrase", CLIENT)).isNotNull();
    }

    @Test
    @DisplayName("race=a change whose verified hash was replaced meanwhile (e.g. by a reset) writes nothing")
    void changeIsConditionedOnTheVerifiedHash() {
        SignedIn account = Accounts.create(domain, "raced@example.com", CLIENT);
        String stale = account.account().passwordHash();
        domain.passwordResets.updatePasswordHash(account.account().id(), stale, domain.hasher.hash("set by a reset meanwhile"), 0);
        assertThat(domain.passwordResets.updatePasswordHash(account.account().id(), stale, domain.hasher.hash("the change's new one"), 0))
                .isFalse();
        assertThat(domain.passwordResets.updatePasswordHash(account.account().id(), stale, domain.hasher.hash("the change's new one"), 1))
                .as("the epoch moved but the hash is not the verified one").isFalse();
        assertThat(domain.signingIn.signIn("raced@example.com", "set by a reset meanwhile", CLIENT)).isNotNull();
    }

    @Test
    @DisplayName("case=an empty current password is a 400 naming the field, not a failed attempt")
    void emptyCurrentPassword() {
        SignedIn account = Accounts.create(domain, "empty@example.com", CLIENT);
        Principal caller = principal(account.session().token());
        assertThatThrownBy(() -> domain.changingPassword.change(caller, "", "a brand new passphrase", CLIENT))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.field()).contains("currentPassword");
                });
    }
}
