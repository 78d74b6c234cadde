package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    @DisplayName("case=7 characters are too short and the error names the field")
    void tooShort() {
        assertThatThrownBy(() -> policy.check("password", "abcdefg"))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.field()).contains("password");
                    assertThat(e.detail()).contains("at least 8");
                });
    }

    @Test
    @DisplayName("case=8 and 128 characters pass, 129 do not")
    void lengthBounds() {
        assertThatCode(() -> policy.check("password", "zq8#Lm2!")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("password", "x".repeat(127) + "y")).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("newPassword", "x".repeat(129)))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("newPassword"));
    }

    @Test
    @DisplayName("case=length counts code points, so 8 emoji are 8 characters")
    void countsCodePoints() {
        String eightEmoji = "\uD83D\uDD11".repeat(8);
        assertThat(eightEmoji.length()).isEqualTo(16);
        assertThatCode(() -> policy.check("password", eightEmoji)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("password", "\uD83D\uDD11".repeat(7))).isInstanceOf(DomainError.class);
    }

    @Test
    @DisplayName("case=common passwords are refused whatever their case; spaces and no composition rules otherwise")
    void refusesCommonPasswords() {
        assertThatThrownBy(() -> policy.check("password", "password1")).hasMessageContaining("most commonly used");
        assertThatThrownBy(() -> policy.check("password", "PASSWORD1")).isInstanceOf(DomainError.class);
        assertThatThrownBy(() -> policy.check("password", "12345678")).isInstanceOf(DomainError.class);
        assertThatCode(() -> policy.check("password", "correct horse battery staple")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("password", "alllowercaseletters")).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("case=the shipped list holds the 3,000 most common passwords")
    void shipsTheList() {
        assertThat(policy.size()).isEqualTo(3000);
        assertThat(policy.isCommon("123456")).isTrue();
        assertThat(policy.isCommon("qwerty")).isTrue();
    }

    @Test
    @DisplayName("case=NFKC normalisation makes visually identical passwords equal")
    void normalizes() {
        assertThat(PasswordPolicy.normalize("ﬁsh and chips")).isEqualTo("fish and chips");
    }
}
