package dev.latchkey.functions.wiring;

import dev.latchkey.config.Config;
import dev.latchkey.mail.Mailer;
import dev.latchkey.mail.OutboxMailer;
import dev.latchkey.mail.ses.SesMailer;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.ses.SesClient;

/** SES in AWS; the local outbox when LATCHKEY_MAIL_TRANSPORT=outbox. The SES client is built only if used. */
@Module
public final class MailModule {
    private MailModule() {
    }

    @Provides
    @Singleton
    static OutboxMailer outbox() {
        return new OutboxMailer(System.out);
    }

    @Provides
    @Singleton
    static Mailer mailer(Config config, Provider<SesClient> ses, Provider<OutboxMailer> outbox) {
        return switch (config.mailTransport()) {
            case SES -> new SesMailer(ses.get(), config.mailFrom());
            case OUTBOX -> outbox.get();
        };
    }
}
