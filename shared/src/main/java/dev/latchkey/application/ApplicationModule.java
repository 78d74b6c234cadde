package dev.latchkey.application;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.latchkey.application.dynamo.DynamoApplicationStore;
import dev.latchkey.auth.UserData;
import dev.latchkey.mfa.MfaPolicy;

/** Applications, members and invitations; answers the MFA feature's policy question. */
@Module
public abstract class ApplicationModule {

    @Binds
    abstract ApplicationStore store(DynamoApplicationStore store);

    @Binds
    abstract MfaPolicy mfaPolicy(ApplicationsRequiringMfa policy);

    @Binds
    @IntoSet
    abstract UserData userData(DynamoApplicationStore store);
}
