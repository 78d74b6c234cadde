package dev.latchkey.store;

import java.util.List;

/**
 * One account clean-up's read of the deleted user's partition ({@code USER#{id}}: session and API key pointers,
 * devices, MFA items, the owned-applications count, the profile if it were still there), made once — strongly
 * consistent, every page — and handed to every feature's {@code UserData.forget}, which finds its own items in it
 * by sort-key prefix instead of querying for them. A feature whose items a racing request can still add after the
 * read re-checks with {@link #reread()}.
 */
public final class Forgetting {
    private final LatchkeyTable table;
    private final String partition;
    private List<Item> items;

    private Forgetting(LatchkeyTable table, String userId) {
        this.table = table;
        this.partition = Keys.userPartition(userId);
        this.items = table.under(partition);
    }

    /** Reads the partition of {@code userId}: one consistent query (more only past 1 MB). */
    public static Forgetting of(LatchkeyTable table, String userId) {
        return new Forgetting(table, userId);
    }

    /** The items of the last read whose sort key starts with {@code skPrefix}. */
    public List<Item> under(String skPrefix) {
        return items.stream().filter(item -> item.str("sk").startsWith(skPrefix)).toList();
    }

    /** Reads the partition again (what a feature deleted is gone from it, what a racing request added is in it); later {@link #under} calls see this read. */
    public void reread() {
        items = table.under(partition);
    }
}
