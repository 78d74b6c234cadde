package dev.latchkey.store;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One account clean-up's read of the deleted user's partition ({@code USER#{id}}: session and API key pointers,
 * devices, MFA items, the owned-applications count, the profile if it were still there), made once — strongly
 * consistent, every page — and handed to every feature's {@code UserData.forget}, which finds its own items in it
 * by sort-key prefix instead of querying for them. The read is made after the profile's deletion, and nothing lasting
 * of the user is written after that: a session, an API key, an application or a membership is written only in a
 * transaction that checks the profile. (A request racing the deletion may still write a device token, a pending TOTP
 * set-up or a limit counter after the read; each expires by TTL.) Deletes that need no condition (what the read found;
 * a counter by its key) are {@linkplain #delete queued} and sent together by {@link #flush()}, 25 to a
 * BatchWriteItem, once every feature has been through; deletes that must stay conditional or transactional (guards,
 * a membership with its application's count, invitations) each feature still makes itself.
 */
public final class Forgetting {
    private final LatchkeyTable table;
    private final String partition;
    private final List<Item> items;
    private final Set<Key> queued = new LinkedHashSet<>();

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

    /**
     * Queues an unconditional delete of the item at {@code key} (there may be none), sent by {@link #flush()} after
     * every feature: so a later step that writes the item (an owned application's deletion decrements the owned count)
     * neither finds it gone nor leaves it behind. A key queued twice is sent once.
     */
    public void delete(Key key) {
        queued.add(key);
    }

    /** Sends the queued deletes ({@link LatchkeyTable#deleteAll}) and empties the queue; returns how many keys went. */
    public int flush() {
        int sent = table.deleteAll(queued);
        queued.clear();
        return sent;
    }
}
