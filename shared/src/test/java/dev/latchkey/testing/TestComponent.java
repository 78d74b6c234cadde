package dev.latchkey.testing;

import dagger.BindsInstance;
import dagger.Component;
import dev.latchkey.mfa.ManagingMfa;
import dev.latchkey.mfa.MfaStatus;
import dev.latchkey.mfa.dynamo.DynamoMfaStore;
import dev.latchkey.account.dynamo.DynamoAccountStore;
import dev.latchkey.apikey.ManagingApiKeys;
import dev.latchkey.apikey.dynamo.DynamoApiKeyStore;
import dev.latchkey.auth.Authenticating;
import dev.latchkey.auth.UserData;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.mail.OutboxMailer;
import dev.latchkey.password.ChangingPassword;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.password.ResettingPassword;
import dev.latchkey.password.dynamo.DynamoPasswordResetStore;
import dev.latchkey.account.ReadingProfile;
import dev.latchkey.ratelimit.AttemptLimiter;
import dev.latchkey.session.ManagingSessions;
import dev.latchkey.session.SigningIn;
import dev.latchkey.session.dynamo.DynamoSessionStore;
import dev.latchkey.signup.ConfirmingSignup;
import dev.latchkey.signup.SigningUp;
import dev.latchkey.wiring.DomainModule;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Set;

/** The production domain graph (every feature's module) over DynamoDB Local, the outbox and a test clock. */
@Singleton
@Component(modules = {DomainModule.class, TestModule.class})
public interface TestComponent {

    SigningUp signingUp();

    ConfirmingSignup confirming();

    SigningIn signingIn();

    Authenticating authenticating();

    ReadingProfile profiles();

    ManagingSessions managingSessions();

    ChangingPassword changingPassword();

    ResettingPassword resettingPassword();

    ManagingApiKeys managingApiKeys();

    ManagingMfa managingMfa();

    dev.latchkey.account.EditingProfile editingProfile();

    dev.latchkey.email.ChangingEmail changingEmail();

    dev.latchkey.application.ManagingApplications managingApplications();

    dev.latchkey.application.ManagingMembers managingMembers();

    dev.latchkey.application.Inviting inviting();

    dev.latchkey.application.dynamo.DynamoApplicationStore applicationStore();

    MfaStatus mfaStatus();

    DynamoMfaStore mfaStore();

    dev.latchkey.mfa.MfaFactors mfaFactors();

    dev.latchkey.crypto.SecretSealer sealer();

    dev.latchkey.password.Reauthenticating reauthenticating();

    dev.latchkey.mail.MailTemplates mailTemplates();

    AttemptLimiter limiter();

    PasswordHasher hasher();

    Randomness randomness();

    OutboxMailer outbox();

    DynamoAccountStore accounts();

    DynamoSessionStore sessions();

    DynamoApiKeyStore apiKeys();

    DynamoPasswordResetStore passwordResets();

    Set<UserData> userData();

    dev.latchkey.store.LatchkeyTable latchkeyTable();

    @Component.Builder
    interface Builder {
        @BindsInstance
        Builder config(Config config);

        @BindsInstance
        Builder clock(Clock clock);

        TestComponent build();
    }
}
