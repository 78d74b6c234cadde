package dev.latchkey.wiring;

import dev.latchkey.auth.UserListings;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/** {@link UserListings} over the table: the user's GSI1 partition ({@code USER#{id}}) read once ({@link LatchkeyTable#indexedTogether}). */
@Singleton
public final class IndexedTogether implements UserListings {
    private final LatchkeyTable table;

    @Inject
    public IndexedTogether(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public <T> T together(String userId, Supplier<T> work) {
        return table.indexedTogether(Keys.userPartition(userId), work);
    }
}
