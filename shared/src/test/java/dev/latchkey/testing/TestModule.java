package dev.latchkey.testing;

import dagger.Module;
import dev.latchkey.crypto.AesGcmSecretSealer;
import dev.latchkey.crypto.SecretSealer;
import java.security.SecureRandom;
import dagger.Provides;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.config.ParameterStore;
import dev.latchkey.mail.Mailer;
import dev.latchkey.mail.OutboxMailer;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** What tests choose instead of AWS: the JVM's DynamoDB Local and a mail outbox. */
@Module
final class TestModule {
    private TestModule() {
    }

    @Provides
    static DynamoDbClient dynamoDb() {
        return DynamoDbLocal.shared().client();
    }

    @Provides
    @Singleton
    static OutboxMailer outbox() {
        return new OutboxMailer(null);
    }

    @Provides
    static Mailer mailer(OutboxMailer outbox) {
        return outbox;
    }

    /** TOTP secrets sealed with a key of this component's own (the KMS adapter has its test against moto_server). */
    @Provides
    @Singleton
    static SecretSealer sealer() {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[AesGcmSecretSealer.KEY_BYTES];
        random.nextBytes(key);
        return new AesGcmSecretSealer(key, random);
    }

    /** Tests give their link base as a URL (the SSM adapter has its test against moto_server). */
    @Provides
    static ParameterStore parameters() {
        return name -> {
            throw new IllegalStateException("no parameter store in tests: " + name);
        };
    }
}
