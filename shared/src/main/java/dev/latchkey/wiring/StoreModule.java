package dev.latchkey.wiring;

import dagger.Binds;
import dagger.Module;
import dev.latchkey.auth.UserListings;

/** What the table offers the domain beyond the features' adapters: per-user listings read together (here, not in store/, which auth uses). */
@Module
public abstract class StoreModule {

    @Binds
    abstract UserListings userListings(IndexedTogether together);
}
