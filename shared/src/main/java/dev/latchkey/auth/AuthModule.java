package dev.latchkey.auth;

import dagger.Module;
import dagger.multibindings.Multibinds;
import java.util.Set;

/** The sets features contribute to (the second factor is the mfa slice's). */
@Module
public abstract class AuthModule {

    @Multibinds
    abstract Set<CredentialResolver> credentialResolvers();

    @Multibinds
    abstract Set<CredentialRevocation> credentialRevocations();

    @Multibinds
    abstract Set<UserData> userData();
}
