package dev.latchkey.auth;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Set;

/** The core's own bindings: the second factor until MFA brings its own, and the sets features contribute to. */
@Module
public abstract class AuthModule {

    @Binds
    abstract SecondFactor secondFactor(NoSecondFactorYet none);

    @Multibinds
    abstract Set<CredentialResolver> credentialResolvers();

    @Multibinds
    abstract Set<CredentialRevocation> credentialRevocations();

    @Multibinds
    abstract Set<UserData> userData();
}
