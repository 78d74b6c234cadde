package dev.latchkey.account;

import dagger.Binds;
import dagger.Module;
import dagger.multibindings.IntoSet;
import dev.latchkey.account.dynamo.DynamoAccountRemoval;
import dev.latchkey.account.dynamo.DynamoAccountStore;
import dev.latchkey.auth.AccountPresence;
import dev.latchkey.auth.UserData;

/** Accounts: the profile and the email and username guards. */
@Module
public abstract class AccountModule {

    @Binds
    abstract AccountStore accountStore(DynamoAccountStore store);

    @Binds
    @IntoSet
    abstract UserData profile(DynamoAccountStore store);

    @Binds
    abstract AccountPresence presence(DynamoAccountRemoval removal);

    @Binds
    abstract AccountRemoval removal(DynamoAccountRemoval removal);
}
