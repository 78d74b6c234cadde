package dev.latchkey.mfa;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.latchkey.auth.SecondFactor;
import dev.latchkey.auth.UserData;
import dev.latchkey.mfa.dynamo.DynamoMfaStore;

/** TOTP and recovery codes: the second factor sign-in and recovery ask for, and its store. */
@Module
public abstract class MfaModule {

    @Binds
    abstract SecondFactor secondFactor(MfaFactors factors);

    @Binds
    abstract MfaStore store(DynamoMfaStore store);

    @Binds
    @IntoSet
    abstract UserData userData(DynamoMfaStore store);
}
