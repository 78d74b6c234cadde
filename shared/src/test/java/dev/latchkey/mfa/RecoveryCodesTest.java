package dev.latchkey.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.crypto.Randomness;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RecoveryCodesTest {
    private static final Randomness RANDOM = new Randomness(new SecureRandom());
    private static final String SHAPE = "[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){5}";

    @Test
    @DisplayName("case=ten distinct codes, six dash-separated groups of four characters without i, l, o or u")
    void generatesTenDistinctCodes() {
        List<String> codes = RecoveryCodes.generate(RANDOM);
        assertThat(codes).hasSize(10).doesNotHaveDuplicates().allMatch(c -> c.matches(SHAPE));
        assertThat(String.join("", codes)).doesNotContain("i", "l", "o", "u");
    }

    @Test
    @DisplayName("case=each code carries at least 112 bits (so a fast salted hash is enough, ASVS 6.5.2): 24 characters of 32")
    void entropy() {
        int symbols = (int) RecoveryCodes.ALPHABET.chars().distinct().count();
        assertThat(symbols).isEqualTo(RecoveryCodes.ALPHABET.length()).isEqualTo(32);
        double bits = RecoveryCodes.LENGTH * Math.log(symbols) / Math.log(2);
        assertThat(bits).isEqualTo(120.0).isGreaterThanOrEqualTo(112).isGreaterThanOrEqualTo(80);

        // the bits are really there: 1,000 sets (240,000 characters) draw every symbol about equally often: 7,500
        // times expected, s.d. 85, so ±600 is 7 s.d. and a bias of one symbol in ten would show
        Map<Character, Integer> counts = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            for (String code : RecoveryCodes.generate(RANDOM)) {
                assertThat(seen.add(code)).isTrue();
                String normalized = RecoveryCodes.normalize(code).orElseThrow();
                assertThat(normalized).hasSize(RecoveryCodes.LENGTH);
                normalized.chars().forEach(c -> counts.merge((char) c, 1, Integer::sum));
            }
        }
        assertThat(counts.keySet()).hasSize(32).allMatch(c -> RecoveryCodes.ALPHABET.indexOf(c) >= 0);
        assertThat(counts.values()).allMatch(n -> n > 6900 && n < 8100, "every symbol between 6,900 and 8,100 times");
    }

    @Test
    @DisplayName("case=normalize ignores case, dashes and white space, reads o as 0 and i, l as 1, and refuses anything else")
    void normalizes() {
        String code = RecoveryCodes.generate(RANDOM).getFirst();
        String compact = code.replace("-", "");
        assertThat(RecoveryCodes.normalize(code)).contains(compact);
        assertThat(RecoveryCodes.normalize(code.toUpperCase())).contains(compact);
        assertThat(RecoveryCodes.normalize(compact)).contains(compact);
        assertThat(RecoveryCodes.normalize("  " + code.replace("-", " - ") + "\t\n")).contains(compact);
        assertThat(RecoveryCodes.normalize(compact.substring(0, 5) + "--" + compact.substring(5))).contains(compact);
        assertThat(RecoveryCodes.normalize("o0O0-iIlL-1111-2222-3333-4444")).contains("000011111111222233334444");

        assertThat(RecoveryCodes.normalize(null)).isEmpty();
        assertThat(RecoveryCodes.normalize("")).isEmpty();
        assertThat(RecoveryCodes.normalize("-----")).isEmpty();
        assertThat(RecoveryCodes.normalize(compact.substring(1))).as("23 characters").isEmpty();
        assertThat(RecoveryCodes.normalize(compact + "a")).as("25 characters").isEmpty();
        assertThat(RecoveryCodes.normalize(compact.substring(0, 20))).as("20 characters").isEmpty();
        for (String foreign : new String[] {"u", "U", "!", "_", "+", ".", "é", "\u0661", "\uFF41"}) {
            assertThat(RecoveryCodes.normalize(foreign + compact.substring(1))).as("[%s]", foreign).isEmpty();
        }
    }

    @Test
    @DisplayName("case=hashes are salted: the same code with another salt hashes differently, and only code and salt together match")
    void hashesWithSalt() {
        List<String> codes = RecoveryCodes.generate(RANDOM);
        String code = RecoveryCodes.normalize(codes.get(0)).orElseThrow();
        String other = RecoveryCodes.normalize(codes.get(1)).orElseThrow();
        String salt = RecoveryCodes.newSalt(RANDOM);
        String otherSalt = RecoveryCodes.newSalt(RANDOM);
        assertThat(salt).matches("[A-Za-z0-9_-]{22}").isNotEqualTo(otherSalt);

        String stored = RecoveryCodes.hash(code, salt);
        assertThat(stored).matches("[A-Za-z0-9_-]{43}").doesNotContain(code);
        assertThat(RecoveryCodes.hash(code, salt)).isEqualTo(stored);
        assertThat(RecoveryCodes.hash(code, otherSalt)).isNotEqualTo(stored);
        assertThat(RecoveryCodes.hash(other, salt)).isNotEqualTo(stored);

        assertThat(RecoveryCodes.matches(code, salt, stored)).isTrue();
        assertThat(RecoveryCodes.matches(RecoveryCodes.normalize(codes.get(0).toUpperCase()).orElseThrow(), salt, stored)).isTrue();
        assertThat(RecoveryCodes.matches(code, otherSalt, stored)).isFalse();
        assertThat(RecoveryCodes.matches(other, salt, stored)).isFalse();
        assertThat(RecoveryCodes.matches(code, salt, stored.substring(1))).isFalse();
        assertThat(RecoveryCodes.matches(code, salt, "")).isFalse();
    }

    @Test
    @DisplayName("case=only the normalized form is hashed: the display form or an empty salt is a programming error")
    void hashesOnlyNormalizedCodes() {
        String display = RecoveryCodes.generate(RANDOM).getFirst();
        String salt = RecoveryCodes.newSalt(RANDOM);
        assertThatThrownBy(() -> RecoveryCodes.hash(display, salt)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryCodes.hash(display.replace("-", "").toUpperCase(), salt)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryCodes.matches(display, salt, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RecoveryCodes.hash(display.replace("-", ""), "")).isInstanceOf(IllegalArgumentException.class);
    }
}
