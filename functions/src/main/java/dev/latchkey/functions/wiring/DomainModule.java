package dev.latchkey.functions.wiring;

import dev.latchkey.account.AccountStore;
import dev.latchkey.apikey.ApiKeyStore;
import dev.latchkey.password.NoSecondFactorYet;
import dev.latchkey.password.PasswordResetStore;
import dev.latchkey.password.SecondFactor;
import dev.latchkey.ratelimit.AttemptStore;
import dev.latchkey.store.DynamoApiKeyStore;
import dev.latchkey.store.DynamoAttemptStore;
import dev.latchkey.store.DynamoPasswordResetStore;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.password.PasswordHasher;
import dev.latchkey.session.SessionStore;
import dev.latchkey.store.DynamoAccountStore;
import dev.latchkey.store.DynamoSessionStore;
import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** Ports bound to their DynamoDB adapters, and the crypto the services share. */
@Module
public abstract class DomainModule {

    @Binds
    abstract AccountStore accountStore(DynamoAccountStore store);

    @Binds
    abstract SessionStore sessionStore(DynamoSessionStore store);

    @Binds
    abstract ApiKeyStore apiKeyStore(DynamoApiKeyStore store);

    @Binds
    abstract PasswordResetStore passwordResetStore(DynamoPasswordResetStore store);

    @Binds
    abstract AttemptStore attemptStore(DynamoAttemptStore store);

    @Binds
    abstract dev.latchkey.session.DeviceStore deviceStore(dev.latchkey.store.DynamoDeviceStore store);

    @Binds
    abstract dev.latchkey.password.CredentialRevocation credentialRevocation(DynamoApiKeyStore store);

    @Binds
    abstract SecondFactor secondFactor(NoSecondFactorYet none);

    @Provides
    @Singleton
    static Randomness randomness() {
        return new Randomness(new SecureRandom());
    }

    @Provides
    @Singleton
    static PasswordHasher passwordHasher(Config config, Randomness randomness) {
        return new PasswordHasher(config.passwordIterations(), randomness);
    }
}
