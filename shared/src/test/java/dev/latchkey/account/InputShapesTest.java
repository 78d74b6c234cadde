package dev.latchkey.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.error.DomainError;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputShapesTest {

    @ParameterizedTest(name = "case=email ''{0}'' is refused")
    @ValueSource(strings = {"", " ", "plainaddress", "@example.com", "a@", "a@b", "a b@example.com", "a@example..com",
            "a@-example.com", "a@example.c", "a\u0000b@example.com", "a@@example.com", "jürgen@example.com", ".a@example.com",
            "a..b@example.com", "a\u2028b@example.com", "a@exa mple.com", "a@example.com\u0085"})
    void refusesBadEmails(String email) {
        assertThatThrownBy(() -> EmailAddress.parse("email", email))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("email"));
    }

    @Test
    @DisplayName("case=an email longer than 254 characters is refused")
    void refusesLongEmail() {
        assertThatThrownBy(() -> EmailAddress.parse("email", "a".repeat(60) + "@" + "b".repeat(200) + ".com"))
                .hasMessageContaining("at most 254");
    }

    @Test
    @DisplayName("case=emails are trimmed, kept as given (an IDN domain in its xn-- form) and compared in lower case")
    void normalizesEmail() {
        EmailAddress email = EmailAddress.parse("email", "  Ada.Lovelace+x@Example.COM ");
        assertThat(email.value()).isEqualTo("Ada.Lovelace+x@Example.COM");
        assertThat(email.normalized()).isEqualTo("ada.lovelace+x@example.com");
        EmailAddress idn = EmailAddress.parse("email", "Juergen@Bücher.de");
        assertThat(idn.value()).isEqualTo("Juergen@xn--bcher-kva.de");
        assertThat(idn.normalized()).isEqualTo("juergen@xn--bcher-kva.de");
    }

    @ParameterizedTest(name = "case=username ''{0}'' is refused")
    @ValueSource(strings = {"ab", "Ada", "_ada", "ada-", "a d a", "ada!", "abcdefghijklmnopqrstuvwxyz0123456"})
    void refusesBadUsernames(String username) {
        assertThatThrownBy(() -> Username.parse("username", username))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("username"));
    }

    @Test
    @DisplayName("case=usernames of 3 and 32 allowed characters pass")
    void acceptsUsernames() {
        assertThat(Username.parse("username", "ada")).isEqualTo("ada");
        assertThat(Username.parse("username", "a_b-c" + "x".repeat(27))).hasSize(32);
    }

    @Test
    @DisplayName("case=names are trimmed, 1 to 100 characters, no control characters")
    void names() {
        assertThat(PersonName.parse("name", "  Ada Lovelace ")).isEqualTo("Ada Lovelace");
        assertThatThrownBy(() -> PersonName.parse("name", "   ")).isInstanceOf(DomainError.class);
        assertThatThrownBy(() -> PersonName.parse("name", "x".repeat(101))).isInstanceOf(DomainError.class);
        assertThatThrownBy(() -> PersonName.parse("name", "Ada\u0007")).isInstanceOf(DomainError.class);
    }
}
