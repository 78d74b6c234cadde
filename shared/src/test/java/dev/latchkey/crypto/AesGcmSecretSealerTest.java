package dev.latchkey.crypto;

import dev.latchkey.crypto.SecretSealingException.Kind;

import static dev.latchkey.crypto.SecretLeaks.assertKeepsOut;
import static dev.latchkey.crypto.SecretLeaks.encodings;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("AesGcmSecretSealer seals secrets with AES-256-GCM under a local key")
class AesGcmSecretSealerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADA = "usr_ada";
    private static final String BOB = "usr_bob";

    @TempDir
    Path data;

    private final AesGcmSecretSealer sealer = new AesGcmSecretSealer(randomKey(), RANDOM);

    @Test
    @DisplayName("a sealed secret unseals to the same bytes for the same user")
    void roundTrip() {
        byte[] secret = totpSecret();

        String sealed = sealer.seal(ADA, secret);

        assertThat(sealer.unseal(ADA, sealed)).isEqualTo(secret);
    }

    @Test
    @DisplayName("the sealed form is aesgcm:k1: and URL-safe base64 of nonce, ciphertext and tag (74 characters for 20 bytes)")
    void sealedForm() {
        String sealed = sealer.seal(ADA, totpSecret());

        assertThat(sealed).matches("aesgcm:k1:[A-Za-z0-9_-]+").hasSize(74);
        assertThat(Base64.getUrlDecoder().decode(sealed.substring("aesgcm:k1:".length()))).hasSize(12 + 20 + 16);
        assertThat(new AesGcmSecretSealer(7, randomKey(), RANDOM).seal(ADA, totpSecret())).startsWith("aesgcm:k7:");
    }

    @Test
    @DisplayName("two seals of the same secret differ (a fresh nonce each time) and both unseal")
    void sealsDiffer() {
        byte[] secret = totpSecret();

        String first = sealer.seal(ADA, secret);
        String second = sealer.seal(ADA, secret);

        assertThat(first).isNotEqualTo(second);
        assertThat(first.substring(0, 26)).as("prefix and nonce").isNotEqualTo(second.substring(0, 26));
        assertThat(sealer.unseal(ADA, first)).isEqualTo(secret);
        assertThat(sealer.unseal(ADA, second)).isEqualTo(secret);
    }

    @Test
    @DisplayName("a secret sealed for one user does not unseal for another, and the refusal keeps the secret out")
    void wrongUserFails() {
        byte[] secret = totpSecret();
        String sealed = sealer.seal(ADA, secret);

        SecretSealingException refused = catchThrowableOfType(SecretSealingException.class, () -> sealer.unseal(BOB, sealed));

        assertThat(refused).isNotNull().isInstanceOf(IllegalStateException.class);
        assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
        assertThat(refused.getMessage()).contains(BOB);
        assertKeepsOut(refused, secret, sealed);
        assertThatThrownBy(() -> sealer.unseal(ADA + " ", sealed)).isInstanceOf(SecretSealingException.class);
    }

    @Test
    @DisplayName("changing any byte of nonce, ciphertext or tag, or cutting the value short, makes it fail")
    void tamperedFails() {
        byte[] secret = totpSecret();
        String sealed = sealer.seal(ADA, secret);
        String prefix = "aesgcm:k1:";
        byte[] payload = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));

        for (int i = 0; i < payload.length; i++) {
            byte[] altered = payload.clone();
            altered[i] ^= 0x01;
            String tampered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(altered);
            SecretSealingException refused = catchThrowableOfType(SecretSealingException.class, () -> sealer.unseal(ADA, tampered));
            assertThat(refused).as("byte %d flipped", i).isNotNull();
            assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
            assertKeepsOut(refused, secret, sealed);
        }
        for (String broken : List.of(
                sealed.substring(0, sealed.length() - 1),
                prefix + sealed.substring(prefix.length(), prefix.length() + 30),
                prefix,
                sealed + "A",
                sealed.replace('-', '+').replace('_', '/') + "%",
                "kms:" + sealed.substring(prefix.length()),
                sealed.substring(prefix.length()),
                "")) {
            assertThatThrownBy(() -> sealer.unseal(ADA, broken)).as(broken)
                    .isInstanceOfSatisfying(SecretSealingException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                        assertKeepsOut(e, secret, sealed);
                    });
        }
    }

    @Test
    @DisplayName("a value sealed under another key, or another key version, does not unseal")
    void otherKeyFails() {
        byte[] key = randomKey();
        String sealed = new AesGcmSecretSealer(key, RANDOM).seal(ADA, totpSecret());

        assertThatThrownBy(() -> sealer.unseal(ADA, sealed)).isInstanceOf(SecretSealingException.class);
        assertThatThrownBy(() -> new AesGcmSecretSealer(2, key, RANDOM).unseal(ADA, sealed))
                .isInstanceOf(SecretSealingException.class)
                .hasMessageContaining("key version");
    }

    @Test
    @DisplayName("a sealed string contains the secret neither raw nor in base64 nor in hex")
    void sealedStringHidesTheSecret() {
        byte[] secret = "12345678901234567890".getBytes(UTF_8); // the RFC 6238 test secret: printable on purpose

        String sealed = sealer.seal(ADA, secret);

        assertThat(encodings(secret)).as("the forms looked for").contains(
                "12345678901234567890", "MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=", "3132333435363738393031323334353637383930",
                "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        for (String form : encodings(secret)) {
            assertThat(sealed).doesNotContainIgnoringCase(form);
        }
    }

    @Test
    @DisplayName("the key is copied: wiping the caller's array does not change the sealer")
    void keyIsCopied() {
        byte[] key = randomKey();
        AesGcmSecretSealer own = new AesGcmSecretSealer(key, RANDOM);
        String sealed = own.seal(ADA, totpSecret());
        AesGcmSecretSealer twin = new AesGcmSecretSealer(key.clone(), RANDOM);
        assertThat(own.toString()).isEqualTo("AesGcmSecretSealer[k1]");

        Arrays.fill(key, (byte) 0);

        assertThat(own.unseal(ADA, sealed)).isEqualTo(twin.unseal(ADA, sealed));
    }

    @Test
    @DisplayName("refuses keys that are not 32 bytes, blank user ids, and empty or oversized secrets")
    void refusesBadArguments() {
        assertThatThrownBy(() -> new AesGcmSecretSealer(new byte[16], RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new AesGcmSecretSealer(0, randomKey(), RANDOM)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(" ", totpSecret())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(null, totpSecret())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(ADA, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(ADA, new byte[SecretSealer.MAX_SECRET_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(sealer.unseal(ADA, sealer.seal(ADA, new byte[SecretSealer.MAX_SECRET_BYTES]))).hasSize(4096);
        assertThatThrownBy(() -> sealer.unseal("", sealer.seal(ADA, totpSecret()))).isInstanceOf(IllegalArgumentException.class);
    }

    // --- the key file ---

    @Test
    @DisplayName("fromKeyFile creates a 32-byte, owner-only key file on first use and reuses it afterwards")
    void keyFileIsCreatedThenReused() throws Exception {
        Path file = data.resolve("nested").resolve("sealing.key");
        byte[] secret = totpSecret();

        String sealed = AesGcmSecretSealer.fromKeyFile(file, RANDOM).seal(ADA, secret);

        assertThat(file).isRegularFile().hasSize(32);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        assertThat(listing(file.getParent())).as("no temporary file left").containsExactly(file);
        byte[] key = Files.readAllBytes(file);

        AesGcmSecretSealer second = AesGcmSecretSealer.fromKeyFile(file, RANDOM);

        assertThat(Files.readAllBytes(file)).as("the key file, after the second use").isEqualTo(key);
        assertThat(second.unseal(ADA, sealed)).isEqualTo(secret);
        assertThat(new AesGcmSecretSealer(key, RANDOM).unseal(ADA, sealed)).as("the file holds the raw key").isEqualTo(secret);
        assertThat(AesGcmSecretSealer.fromKeyFile(data.resolve("other.key"), RANDOM).seal(ADA, secret))
                .satisfies(other -> assertThatThrownBy(() -> second.unseal(ADA, other)).isInstanceOf(SecretSealingException.class));
    }

    @Test
    @DisplayName("instances racing to create the key file all end up with the one key that was written")
    void racingCreatorsAgree() throws Exception {
        Path file = data.resolve("raced.key");
        int racers = 8;
        List<Callable<AesGcmSecretSealer>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> AesGcmSecretSealer.fromKeyFile(file, RANDOM));
        }
        List<AesGcmSecretSealer> sealers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            for (Future<AesGcmSecretSealer> result : pool.invokeAll(tasks)) {
                sealers.add(result.get());
            }
        }
        byte[] key = Files.readAllBytes(file);
        String sealed = new AesGcmSecretSealer(key, RANDOM).seal(ADA, totpSecret());
        for (AesGcmSecretSealer each : sealers) {
            assertThat(each.unseal(ADA, sealed)).hasSize(20);
        }
        assertThat(listing(data)).as("no temporary file left").containsExactly(file);
    }

    @Test
    @DisplayName("fromKeyFile refuses a key file that does not hold 32 bytes, without quoting it or replacing it")
    void refusesAKeyFileOfTheWrongSize() throws Exception {
        Path file = data.resolve("short.key");
        byte[] content = "0123456789abcdef".getBytes(UTF_8);
        Files.write(file, content);

        assertThatThrownBy(() -> AesGcmSecretSealer.fromKeyFile(file, RANDOM))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining("0123456789abcdef");
        assertThat(Files.readAllBytes(file)).isEqualTo(content);
        assertThatThrownBy(() -> AesGcmSecretSealer.fromKeyFile(data, RANDOM)).as("a directory")
                .isInstanceOf(IllegalStateException.class);
    }

    // --- helpers ---

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    /** 160 bits, the size RFC 4226 recommends for an HMAC-SHA1 TOTP secret. */
    private static byte[] totpSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    private static List<Path> listing(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.toList();
        }
    }
}
