package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.crypto.Randomness;
import java.security.SecureRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1_000, new Randomness(new SecureRandom()));

    @Test
    @DisplayName("case=a malformed or foreign stored hash never verifies and never throws")
    void malformedStoredHashes() {
        assertThat(hasher.verify("pw", null)).isFalse();
        assertThat(hasher.verify("pw", "")).isFalse();
        assertThat(hasher.verify("pw", "$argon2id$v=19$m=19456,t=2,p=1$abc$def")).isFalse();
        assertThat(hasher.verify("pw", "$pbkdf2-sha256$i=x$AAAA$AAAA")).isFalse();
        assertThat(hasher.verify("pw", "$pbkdf2-sha256$i=1000$!!!$AAAA")).isFalse();
        assertThat(hasher.verify("pw", "$pbkdf2-sha256$i=0$AAAA$" + "A".repeat(43))).isFalse();
    }

    @Test
    @DisplayName("case=the PHC string carries algorithm, cost, salt and hash; salts differ per hash")
    void phcFormat() {
        String first = hasher.hash("correct horse battery staple");
        String second = hasher.hash("correct horse battery staple");
        assertThat(first).matches("\\$pbkdf2-sha256\\$i=1000\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(first).isNotEqualTo(second);
        assertThat(first).doesNotContain("correct horse");
    }

    @Test
    @DisplayName("case=the right password verifies, a wrong one does not")
    void verifies() {
        String stored = hasher.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", stored)).isFalse();
    }

    @Test
    @DisplayName("case=a hash made at another cost still verifies (parameters come from the string) and asks for a rehash")
    void olderCostStillVerifies() {
        PasswordHasher older = new PasswordHasher(500, new Randomness(new SecureRandom()));
        String stored = older.hash("correct horse battery staple");
        assertThat(hasher.verify("correct horse battery staple", stored)).isTrue();
        assertThat(hasher.needsRehash(stored)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x"))).isFalse();
    }

    @Test
    @DisplayName("case=the decoy costs one derivation like a real verification")
    void decoyDoesTheWork() {
        long before = hasher.derivations();
        hasher.verifyDecoy("anything");
        assertThat(hasher.derivations()).isEqualTo(before + 1);
    }
}
