package dev.latchkey.crypto.kms;

import dev.latchkey.crypto.SecretSealer;
import dev.latchkey.crypto.SecretSealingException;
import dev.latchkey.crypto.SecretSealingException.Kind;
import dev.latchkey.devkit.MotoServer;

import static dev.latchkey.crypto.SecretLeaks.assertKeepsOut;
import static dev.latchkey.crypto.SecretLeaks.encodings;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * KmsSecretSealer against a real KMS emulator: {@code moto_server} (moto 5.2) on a free loopback port.
 *
 * <p>What moto enforces, checked here rather than assumed: the encryption context is bound to the
 * ciphertext (moto feeds it to AES-GCM as additional data), so Decrypt with another or no context
 * fails with {@code InvalidCiphertextException}, as in KMS; so does an altered ciphertext. Where moto
 * differs: Decrypt naming another key than the one in the blob answers {@code AccessDeniedException}
 * (KMS answers {@code IncorrectKeyException}), and moto's blob is not KMS's format.
 */
@DisplayName("KmsSecretSealer seals secrets with KMS (moto_server)")
class KmsSecretSealerTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ADA = "usr_ada";
    private static final String BOB = "usr_bob";

    private static MotoServer moto;
    private static KmsClient kms;
    private static String keyArn;
    private static String alias;
    private static final RequestTap tap = new RequestTap();

    @BeforeAll
    static void startMotoServer() throws Exception {
        moto = MotoServer.start();
        kms = kmsClient(moto.endpoint());
        keyArn = kms.createKey(request -> request.description("latchkey TOTP secrets (test)")).keyMetadata().arn();
        alias = "alias/latchkey-totp-" + UUID.randomUUID();
        kms.createAlias(request -> request.aliasName(alias).targetKeyId(keyArn));
    }

    @AfterAll
    static void stopMotoServer() throws Exception {
        if (kms != null) {
            kms.close();
        }
        if (moto != null) {
            moto.close();
        }
    }

    @BeforeEach
    void clearTap() {
        tap.requests.clear();
    }

    @Test
    @DisplayName("a sealed secret unseals to the same bytes; Encrypt and Decrypt both name the key and carry {userId: <id>}")
    void roundTrip() {
        KmsSecretSealer sealer = new KmsSecretSealer(kms, keyArn);
        byte[] secret = totpSecret();

        String sealed = sealer.seal(ADA, secret);
        byte[] unsealed = sealer.unseal(ADA, sealed);

        assertThat(unsealed).isEqualTo(secret);
        assertThat(tap.requests).hasSize(2);
        assertThat(tap.requests.get(0)).isInstanceOfSatisfying(EncryptRequest.class, encrypt -> {
            assertThat(encrypt.keyId()).isEqualTo(keyArn);
            assertThat(encrypt.encryptionContext()).isEqualTo(Map.of("userId", ADA));
            assertThat(encrypt.toString()).as("what the SDK would log of the request").doesNotContain(encodings(secret));
        });
        assertThat(tap.requests.get(1)).isInstanceOfSatisfying(DecryptRequest.class, decrypt -> {
            assertThat(decrypt.keyId()).isEqualTo(keyArn);
            assertThat(decrypt.encryptionContext()).isEqualTo(Map.of("userId", ADA));
        });
    }

    @Test
    @DisplayName("the key can be named by its alias")
    void roundTripThroughAlias() {
        KmsSecretSealer sealer = new KmsSecretSealer(kms, alias);
        byte[] secret = totpSecret();

        assertThat(sealer.unseal(ADA, sealer.seal(ADA, secret))).isEqualTo(secret);
        assertThat(new KmsSecretSealer(kms, keyArn).unseal(ADA, sealer.seal(ADA, secret))).isEqualTo(secret);
    }

    @Test
    @DisplayName("the sealed form is kms: and URL-safe base64, not the plaintext in any encoding; two seals differ")
    void sealedStringIsNotThePlaintext() {
        KmsSecretSealer sealer = new KmsSecretSealer(kms, keyArn);
        byte[] secret = totpSecret();

        String sealed = sealer.seal(ADA, secret);

        assertThat(sealed).matches("kms:[A-Za-z0-9_-]+");
        for (String form : encodings(secret)) {
            assertThat(sealed).doesNotContainIgnoringCase(form);
        }
        byte[] blob = Base64.getUrlDecoder().decode(sealed.substring("kms:".length()));
        assertThat(new String(blob, ISO_8859_1)).as("the blob, byte for byte").doesNotContain(new String(secret, ISO_8859_1));
        assertThat(sealer.seal(ADA, secret)).isNotEqualTo(sealed);
    }

    @Test
    @DisplayName("moto binds the encryption context: Decrypt with another or no context is InvalidCiphertextException")
    void motoEnforcesTheEncryptionContext() {
        byte[] secret = totpSecret();
        SdkBytes blob = kms.encrypt(request -> request.keyId(keyArn).plaintext(SdkBytes.fromByteArray(secret))
                .encryptionContext(Map.of("userId", ADA))).ciphertextBlob();

        assertThat(kms.decrypt(request -> request.keyId(keyArn).ciphertextBlob(blob)
                .encryptionContext(Map.of("userId", ADA))).plaintext().asByteArray()).isEqualTo(secret);
        assertThatThrownBy(() -> kms.decrypt(request -> request.keyId(keyArn).ciphertextBlob(blob)
                .encryptionContext(Map.of("userId", BOB)))).isInstanceOf(InvalidCiphertextException.class);
        assertThatThrownBy(() -> kms.decrypt(request -> request.keyId(keyArn).ciphertextBlob(blob)))
                .isInstanceOf(InvalidCiphertextException.class);
    }

    @Test
    @DisplayName("a secret sealed for one user does not unseal for another: REJECTED, and the refusal keeps the secret out")
    void wrongUserFails() {
        KmsSecretSealer sealer = new KmsSecretSealer(kms, keyArn);
        byte[] secret = totpSecret();
        String sealed = sealer.seal(ADA, secret);

        SecretSealingException refused = catchThrowableOfType(SecretSealingException.class, () -> sealer.unseal(BOB, sealed));

        assertThat(refused).isNotNull().isInstanceOf(IllegalStateException.class);
        assertThat(refused.kind()).isEqualTo(Kind.REJECTED);
        assertThat(refused.getMessage()).contains(BOB).contains("InvalidCiphertextException");
        assertThat(refused.getCause()).isInstanceOf(InvalidCiphertextException.class);
        assertKeepsOut(refused, secret, sealed);
    }

    @Test
    @DisplayName("an altered, truncated or malformed sealed value is REJECTED")
    void tamperedFails() {
        KmsSecretSealer sealer = new KmsSecretSealer(kms, keyArn);
        byte[] secret = totpSecret();
        String sealed = sealer.seal(ADA, secret);
        byte[] blob = Base64.getUrlDecoder().decode(sealed.substring("kms:".length()));
        byte[] altered = blob.clone();
        altered[altered.length - 1] ^= 0x01; // the ciphertext, in moto's blob as in KMS's

        for (String broken : List.of(
                "kms:" + Base64.getUrlEncoder().withoutPadding().encodeToString(altered),
                "kms:" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(blob, blob.length - 1)),
                "kms:",
                "kms:%%%",
                sealed.substring("kms:".length()),
                "aesgcm:k1:" + sealed.substring("kms:".length()))) {
            assertThatThrownBy(() -> sealer.unseal(ADA, broken)).as(broken)
                    .isInstanceOfSatisfying(SecretSealingException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                        assertKeepsOut(e, secret, sealed);
                    });
        }
    }

    @Test
    @DisplayName("a value sealed under another key does not unseal: Decrypt names the expected key")
    void otherKeyFails() {
        String otherKey = kms.createKey(request -> request.description("another key (test)")).keyMetadata().arn();
        byte[] secret = totpSecret();
        String sealed = new KmsSecretSealer(kms, otherKey).seal(ADA, secret);

        // KMS answers IncorrectKeyException here (REJECTED); moto answers AccessDeniedException, which the
        // sealer, like for any access denial, reports as KEY_SERVICE_FAILED. Either way it does not open.
        SecretSealingException refused = catchThrowableOfType(SecretSealingException.class,
                () -> new KmsSecretSealer(kms, keyArn).unseal(ADA, sealed));

        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).contains("AccessDeniedException");
        assertKeepsOut(refused, secret, sealed);
    }

    @Test
    @DisplayName("an unknown key or an unreachable endpoint is KEY_SERVICE_FAILED, and keeps the secret out")
    void keyServiceFailures() throws Exception {
        byte[] secret = totpSecret();
        String sealed = new KmsSecretSealer(kms, keyArn).seal(ADA, secret);

        SecretSealingException unknownKey = catchThrowableOfType(SecretSealingException.class,
                () -> new KmsSecretSealer(kms, "alias/nobody-made-me").seal(ADA, secret));
        assertThat(unknownKey).isNotNull();
        assertThat(unknownKey.kind()).isEqualTo(Kind.KEY_SERVICE_FAILED);
        assertThat(unknownKey.getMessage()).contains("NotFoundException").contains("alias/nobody-made-me");
        assertKeepsOut(unknownKey, secret, sealed);

        URI nobodyListens = URI.create("http://127.0.0.1:" + MotoServer.freePort());
        try (KmsClient unreachable = kmsClient(nobodyListens)) {
            KmsSecretSealer sealer = new KmsSecretSealer(unreachable, keyArn);
            for (Runnable call : List.<Runnable>of(() -> sealer.seal(ADA, secret), () -> sealer.unseal(ADA, sealed))) {
                SecretSealingException failed = catchThrowableOfType(SecretSealingException.class, call::run);
                assertThat(failed).isNotNull();
                assertThat(failed.kind()).isEqualTo(Kind.KEY_SERVICE_FAILED);
                assertThat(failed.getMessage()).contains("could not be reached");
                assertKeepsOut(failed, secret, sealed);
            }
        }
    }

    @Test
    @DisplayName("refuses a missing or blank key id, blank user ids, and empty or oversized secrets")
    void refusesBadArguments() {
        KmsSecretSealer sealer = new KmsSecretSealer(kms, keyArn);
        assertThatThrownBy(() -> new KmsSecretSealer(kms, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new KmsSecretSealer(kms, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KmsSecretSealer(null, keyArn)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> sealer.seal("", totpSecret())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(ADA, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.seal(ADA, new byte[SecretSealer.MAX_SECRET_BYTES + 1]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sealer.unseal(" ", "kms:AAAA")).isInstanceOf(IllegalArgumentException.class);
        assertThat(tap.requests).as("no call reached KMS").isEmpty();
    }

    // --- fixtures ---

    private static byte[] totpSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    private static KmsClient kmsClient(URI endpoint) {
        return KmsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(10)))
                .overrideConfiguration(config -> config
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(tap))
                .build();
    }

    /** Keeps every Encrypt and Decrypt request as the SDK is about to marshal it. */
    private static final class RequestTap implements ExecutionInterceptor {
        final List<SdkRequest> requests = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof EncryptRequest || context.request() instanceof DecryptRequest) {
                requests.add(context.request());
            }
        }
    }
}
