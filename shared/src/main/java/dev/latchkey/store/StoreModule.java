package dev.latchkey.store;

import dagger.Binds;
import dagger.Module;
import dev.latchkey.auth.UserListings;

/** What the table itself offers the domain: per-user listings read together. */
@Module
public abstract class StoreModule {

    @Binds
    abstract UserListings userListings(IndexedTogether together);
}
