package dev.latchkey.email;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.latchkey.auth.UserData;
import dev.latchkey.email.dynamo.DynamoEmailChangeStore;

/** Email change: the pending change with its link, and the move of the address. */
@Module
public abstract class EmailModule {

    @Binds
    abstract EmailChangeStore emailChangeStore(DynamoEmailChangeStore store);

    @Binds
    @IntoSet
    abstract UserData pendingChanges(DynamoEmailChangeStore store);

    @Binds
    @IntoSet
    abstract UserData requestCount(EmailChangeLimits limits);
}
