package dev.latchkey.functions.wiring;

import dagger.Module;
import dagger.Provides;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.AesGcmSecretSealer;
import dev.latchkey.crypto.SecretSealer;
import dev.latchkey.crypto.kms.KmsSecretSealer;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.function.Supplier;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Who seals TOTP secrets: KMS when {@code LATCHKEY_KMS_KEY_ID} is set (always in Lambda: {@link Config} refuses to
 * start there without it), else AES-256-GCM with a key in {@code LATCHKEY_SEALING_KEY_FILE} (the dev server's data
 * directory), else with a key that lives as long as the JVM (tests, an ephemeral dev server). The KMS client is built
 * at the first seal or unseal, not at init: most invocations of the functions that can need it (sign-in) never do.
 */
@Module
public final class SealingModule {
    private SealingModule() {
    }

    @Provides
    @Singleton
    static SecretSealer sealer(Config config, Provider<KmsClient> kms) {
        if (config.kmsKeyId().isPresent()) {
            String keyId = config.kmsKeyId().get();
            return new Lazy(() -> new KmsSecretSealer(kms.get(), keyId));
        }
        SecureRandom random = new SecureRandom();
        if (config.sealingKeyFile().isPresent()) {
            return AesGcmSecretSealer.fromKeyFile(config.sealingKeyFile().get(), random);
        }
        byte[] key = new byte[AesGcmSecretSealer.KEY_BYTES];
        random.nextBytes(key);
        return new AesGcmSecretSealer(key, random);
    }

    /** Builds the real sealer on first use. */
    static final class Lazy implements SecretSealer {
        private final Supplier<SecretSealer> factory;
        private volatile SecretSealer sealer;

        Lazy(Supplier<SecretSealer> factory) {
            this.factory = factory;
        }

        private SecretSealer sealer() {
            SecretSealer current = sealer;
            if (current == null) {
                synchronized (this) {
                    current = sealer;
                    if (current == null) {
                        current = factory.get();
                        sealer = current;
                    }
                }
            }
            return current;
        }

        @Override
        public String seal(String userId, byte[] secret) {
            return sealer().seal(userId, secret);
        }

        @Override
        public byte[] unseal(String userId, String sealed) {
            return sealer().unseal(userId, sealed);
        }
    }
}
