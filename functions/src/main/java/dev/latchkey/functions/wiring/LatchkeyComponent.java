package dev.latchkey.functions.wiring;

import dev.latchkey.signup.ConfirmingSignup;
import dev.latchkey.account.ReadingProfile;
import dev.latchkey.signup.SigningUp;
import dev.latchkey.apikey.ManagingApiKeys;
import dev.latchkey.password.ChangingPassword;
import dev.latchkey.password.ResettingPassword;
import dev.latchkey.session.ManagingSessions;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.mail.OutboxMailer;
import dev.latchkey.auth.Authenticating;
import dev.latchkey.session.SigningIn;
import dagger.BindsInstance;
import dev.latchkey.wiring.DomainModule;
import dagger.Component;
import dev.latchkey.mfa.ManagingMfa;
import dev.latchkey.mfa.MfaStatus;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one object graph of a Latchkey JVM. Handlers take what they need from it. */
@Singleton
@Component(modules = {AwsModule.class, DomainModule.class, MailModule.class, SealingModule.class})
public interface LatchkeyComponent {

    SigningUp signingUp();

    ConfirmingSignup confirmingSignup();

    SigningIn signingIn();

    Authenticating authenticating();

    ReadingProfile readingProfile();

    dev.latchkey.account.EditingProfile editingProfile();

    dev.latchkey.email.ChangingEmail changingEmail();

    ManagingSessions managingSessions();

    ChangingPassword changingPassword();

    ResettingPassword resettingPassword();

    ManagingApiKeys managingApiKeys();

    ManagingMfa managingMfa();

    MfaStatus mfaStatus();

    dev.latchkey.application.ManagingApplications managingApplications();

    dev.latchkey.application.ManagingMembers managingMembers();

    dev.latchkey.application.Inviting inviting();

    Clock clock();

    dev.latchkey.cleanup.DeletingAccount deletingAccount();

    dev.latchkey.cleanup.CleaningUp cleaningUp();

    Randomness randomness();

    PasswordHasher passwordHasher();

    Config config();

    /** The local outbox; holds mail only when the mail transport is {@code outbox}. */
    OutboxMailer outbox();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder config(Config config);

        @BindsInstance
        Builder clock(Clock clock);

        @BindsInstance
        Builder interceptors(SdkInterceptors interceptors);

        LatchkeyComponent build();
    }
}
