package dev.latchkey.functions.wiring;

import dev.latchkey.account.AccountStore;
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
