package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        assertThatThrownBy(() -> policy.check("password", "password1"))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST);
                    assertThat(e.field()).contains("password");
                    assertThat(e.detail()).isEqualTo("password is in a list of common or breached passwords; choose another");
                });
        assertThatThrownBy(() -> policy.check("password", "PASSWORD1")).isInstanceOf(DomainError.class);
        assertThatThrownBy(() -> policy.check("password", "12345678")).isInstanceOf(DomainError.class);
        assertThatCode(() -> policy.check("password", "correct horse battery staple")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("password", "alllowercaseletters")).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("case=password123 is refused")
    void refusesPassword123() {
        assertThatThrownBy(() -> policy.check("newPassword", "password123"))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.field()).contains("newPassword");
                    assertThat(e.detail()).startsWith("newPassword ").contains("breached passwords");
                });
        assertThatThrownBy(() -> policy.check("password", "Password123")).isInstanceOf(DomainError.class);
    }

    @ParameterizedTest(name = "case=breached but not among the old 3,000: {0}")
    @ValueSource(strings = {"qwerty123", "bigdaddy", "minecraft", "q1w2e3r4t5", "zaq12wsx", "carolyn1", "camshaft",
            "jeanmarie", "rotterdam1", "redbull123", "basketball84", "bastard@1971"})
    @DisplayName("case=passwords in the breached list but not in the old 3,000-entry list are refused")
    void refusesBreachedPasswordsBeyondTheOldList(String password) throws IOException {
        assertThat(oldList()).doesNotContain(password.toLowerCase(Locale.ROOT));
        assertThatThrownBy(() -> policy.check("password", password))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.field()).contains("password"));
        assertThatThrownBy(() -> policy.check("password", password.toUpperCase(Locale.ROOT))).isInstanceOf(DomainError.class);
    }

    @Test
    @DisplayName("case=every entry of 8 or more characters of the old 3,000-entry list is still refused")
    void keepsTheOldList() throws IOException {
        List<String> long8 = oldList().stream().filter(p -> p.codePointCount(0, p.length()) >= 8).toList();
        assertThat(long8).hasSizeGreaterThan(500);
        assertThat(long8).allSatisfy(p -> assertThat(policy.isCommon(p)).as(p).isTrue());
    }

    @Test
    @DisplayName("case=a strong random passphrase is accepted")
    void acceptsStrongPassphrase() {
        assertThatCode(() -> policy.check("password", "velvet orbit cactus mirage 41")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("password", "Zt4#qL9v!mW2rX7e", List.of("ada@example.com", "Ada Lovelace", "ada")))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("case=the shipped filter holds at least 100,000 breached passwords")
    void shipsTheList() {
        assertThat(policy.size()).isGreaterThanOrEqualTo(100_000);
        assertThat(policy.isCommon("password123")).isTrue();
        assertThat(policy.isCommon("qwerty123")).isTrue();
        assertThat(policy.breached().expectedFalsePositiveRate())
                .isLessThanOrEqualTo(BreachedPasswords.DESIGN_FALSE_POSITIVE_RATE * 1.01);
    }

    @Test
    @DisplayName("case=false-positive rate measured on a million random strings stays below the documented bound")
    void falsePositiveRate() {
        SplittableRandom random = new SplittableRandom(20261202L);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789!#%&*-_ ";
        int samples = 1_000_000;
        int hits = 0;
        StringBuilder sb = new StringBuilder(24);
        for (int i = 0; i < samples; i++) {
            sb.setLength(0);
            int length = 12 + random.nextInt(9);
            for (int c = 0; c < length; c++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (policy.breached().mightContain(sb.toString())) {
                hits++;
            }
        }
        double rate = (double) hits / samples;
        assertThat(rate).isLessThan(BreachedPasswords.FALSE_POSITIVE_BOUND);
    }

    @Test
    @DisplayName("case=a filter is the same bytes whatever the order of its keys, and reads back what it holds")
    void filterIsDeterministic() throws IOException {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            keys.add("key-" + i);
        }
        byte[] forward = bytes(BreachedPasswords.build(keys, 1e-3));
        Collections.reverse(keys);
        byte[] reversed = bytes(BreachedPasswords.build(keys, 1e-3));
        assertThat(reversed).isEqualTo(forward);
        BreachedPasswords read = BreachedPasswords.read(new ByteArrayInputStream(forward));
        assertThat(read.count()).isEqualTo(5_000);
        assertThat(keys).allSatisfy(k -> assertThat(read.mightContain(k)).isTrue());
        byte[] truncated = Arrays.copyOf(forward, forward.length - 1);
        assertThatThrownBy(() -> BreachedPasswords.read(new ByteArrayInputStream(truncated))).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("case=the generator keeps 8 to 128 characters, lower-cased after NFKC, without duplicates or CRs")
    void generatorKeys() throws IOException {
        byte[] list = "123456\nPassword123\r\npassword123\nﬁshandchips\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(BreachedPasswordsGenerator.keys(list)).containsExactly("fishandchips", "password123");
    }

    @Test
    @DisplayName("case=latchkey is refused as a context word, whatever its case, by both overloads")
    void refusesServiceName() {
        assertThatThrownBy(() -> policy.check("password", "my latchkey passphrase"))
                .isInstanceOfSatisfying(DomainError.class, e -> {
                    assertThat(e.field()).contains("password");
                    assertThat(e.detail()).isEqualTo(
                            "password must not contain your email address, name or username, nor \"latchkey\"");
                });
        assertThatThrownBy(() -> policy.check("password", "LatchKey-2026-!", List.of())).isInstanceOf(DomainError.class);
        assertThatThrownBy(() -> policy.check("password", "latchkey")).isInstanceOf(DomainError.class);
    }

    @Test
    @DisplayName("case=email local part, name and username are refused as context words, and the error does not echo them")
    void refusesContextWords() {
        List<String> context = Arrays.asList("Grace.Hopper+news@Example.com", "Grace Brewster Hopper", "amazinggrace", null);
        for (String password : List.of("hopper-cobol-1906", "GRACE loves cobol", "brewster and sons 99",
                "the amazinggrace tune", "x news flash x", "grace.hopper+news")) {
            assertThatThrownBy(() -> policy.check("newPassword", password, context))
                    .as(password)
                    .isInstanceOfSatisfying(DomainError.class, e -> {
                        assertThat(e.field()).contains("newPassword");
                        assertThat(e.detail()).startsWith("newPassword must not contain")
                                .doesNotContainIgnoringCase("grace").doesNotContainIgnoringCase("hopper");
                    });
        }
        // the domain of the email address is not a context word; nor are words under 4 characters
        assertThatCode(() -> policy.check("password", "example of a fine phrase", context)).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check("password", "also a bold passphrase", List.of("Al", "bo@x.io", "bold")))
                .isInstanceOf(DomainError.class);
        assertThatCode(() -> policy.check("password", "also an odd passphrase", List.of("Al", "bo@x.io", "odd")))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("case=context words are derived whole and split at non-letters, local part only, 4 characters or more")
    void contextTerms() {
        assertThat(PasswordPolicy.contextTerms(Arrays.asList("Ada.L+news@example.com", "Ada Lovelace", "ada", null, " ")))
                .containsExactly("latchkey", "ada.l+news", "news", "ada lovelace", "lovelace");
    }

    @Test
    @DisplayName("case=NFKC normalisation makes visually identical passwords equal")
    void normalizes() {
        assertThat(PasswordPolicy.normalize("ﬁsh and chips")).isEqualTo("fish and chips");
    }

    /** The former list, John the Ripper's 3,000 most common passwords (public domain), kept for this comparison. */
    private static List<String> oldList() throws IOException {
        try (InputStream in = PasswordPolicyTest.class.getResourceAsStream("common-passwords.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT))
                    .toList();
        }
    }

    private static byte[] bytes(BreachedPasswords filter) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        filter.write(out);
        return out.toByteArray();
    }
}
