package dev.latchkey.testing;

import dagger.Module;
import dagger.Provides;
import dev.latchkey.devkit.DynamoDbLocal;
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
}
