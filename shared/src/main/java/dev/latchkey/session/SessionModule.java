package dev.latchkey.session;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.latchkey.auth.CredentialResolver;
import dev.latchkey.auth.CredentialRevocation;
import dev.latchkey.auth.SessionStarter;
import dev.latchkey.auth.UserData;
import dev.latchkey.session.dynamo.DynamoDeviceStore;
import dev.latchkey.session.dynamo.DynamoSessionStore;

/** Sessions and device tokens; resolves {@code lk_s_} tokens for the auth core. */
@Module
public abstract class SessionModule {

    @Binds
    abstract SessionStore sessionStore(DynamoSessionStore store);

    @Binds
    abstract DeviceStore deviceStore(DynamoDeviceStore store);

    @Binds
    @IntoSet
    abstract CredentialResolver resolver(SessionCredentials sessions);

    @Binds
    @IntoSet
    abstract CredentialRevocation revocation(SessionCredentials sessions);

    @Binds
    abstract SessionStarter starter(SessionCredentials sessions);

    @Binds
    @IntoSet
    abstract UserData sessions(DynamoSessionStore store);

    @Binds
    @IntoSet
    abstract UserData devices(DynamoDeviceStore store);
}
