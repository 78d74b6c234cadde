package dev.latchkey.crypto;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import java.security.SecureRandom;

/** The one source of randomness. */
@Module
public final class CryptoModule {
    private CryptoModule() {
    }

    @Provides
    @Singleton
    static Randomness randomness() {
        return new Randomness(new SecureRandom());
    }
}
