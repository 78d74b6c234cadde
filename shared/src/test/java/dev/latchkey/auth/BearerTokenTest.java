package dev.latchkey.auth;

import dev.latchkey.crypto.Randomness;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private final Randomness randomness = new Randomness(new SecureRandom());

    @Test
    @DisplayName("case=an empty, short, long or null token is refused")
    void refusesWrongLengths() {
        String token = BearerToken.issue(BearerToken.SESSION_PREFIX, randomness);
        assertThat(BearerToken.verify(null)).isEmpty();
        assertThat(BearerToken.verify("")).isEmpty();
        assertThat(BearerToken.verify(token.substring(1))).isEmpty();
        assertThat(BearerToken.verify(token + "0")).isEmpty();
    }

    @Test
    @DisplayName("case=an unknown prefix is refused even with a matching checksum")
    void refusesUnknownPrefix() {
        String body = "lk_x_" + randomness.base62(32);
        assertThat(BearerToken.verify(body + BearerToken.checksum(body))).isEmpty();
    }

    @Test
    @DisplayName("case=changing any single character breaks the checksum")
    void detectsEveryOneCharacterChange() {
        String token = BearerToken.issue(BearerToken.SESSION_PREFIX, randomness);
        for (int i = BearerToken.SESSION_PREFIX.length(); i < token.length(); i++) {
            char replacement = token.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + replacement + token.substring(i + 1);
            assertThat(BearerToken.verify(tampered)).as("tampered at %d", i).isEmpty();
        }
    }

    @Test
    @DisplayName("case=non-base62 characters are refused")
    void refusesForeignCharacters() {
        String token = BearerToken.issue(BearerToken.SESSION_PREFIX, randomness);
        assertThat(BearerToken.verify(token.substring(0, 10) + "-" + token.substring(11))).isEmpty();
    }

    @Test
    @DisplayName("case=issued tokens have the documented shape, verify, and do not repeat")
    void issuesWellFormedTokens() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String session = BearerToken.issue(BearerToken.SESSION_PREFIX, randomness);
            assertThat(session).matches("lk_s_[0-9A-Za-z]{38}");
            assertThat(BearerToken.verify(session)).contains(BearerToken.SESSION_PREFIX);
            assertThat(seen.add(session)).isTrue();
        }
        assertThat(BearerToken.verify(BearerToken.issue(BearerToken.API_KEY_PREFIX, randomness))).contains("lk_k_");
    }
}
