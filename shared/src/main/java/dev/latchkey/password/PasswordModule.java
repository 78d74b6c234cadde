package dev.latchkey.password;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import dagger.multibindings.IntoSet;
import dev.latchkey.auth.UserData;
import dev.latchkey.config.Config;
import dev.latchkey.crypto.Randomness;
import dev.latchkey.password.dynamo.DynamoPasswordResetStore;
import jakarta.inject.Singleton;

/** Password hashing, change and reset. */
@Module
public abstract class PasswordModule {

    @Binds
    abstract PasswordResetStore passwordResetStore(DynamoPasswordResetStore store);

    @Binds
    @IntoSet
    abstract UserData resets(DynamoPasswordResetStore store);

    @Provides
    @Singleton
    static PasswordHasher passwordHasher(Config config, Randomness randomness) {
        return new PasswordHasher(config.passwordIterations(), randomness);
    }
}
