package dev.latchkey.session.dynamo;

import dev.latchkey.auth.UserData;
import dev.latchkey.session.DeviceStore;
import dev.latchkey.store.Forgetting;
import dev.latchkey.store.Item;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;

/** Device tokens: {@code USER#{userId} / DEVICE#{sha256(token)}} with a TTL, so a user's devices are found from the user. */
@Singleton
public final class DynamoDeviceStore implements DeviceStore, UserData {
    private final LatchkeyTable table;

    @Inject
    public DynamoDeviceStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public boolean isKnown(String userId, String tokenHash, Instant now) {
        Item item = table.get(SessionItems.device(userId, tokenHash), false);
        return item != null && Instant.ofEpochSecond(item.num("expiresAt")).isAfter(now);
    }

    @Override
    public void save(String tokenHash, String userId, Instant createdAt, Instant expiresAt) {
        table.put(Keys.item(SessionItems.device(userId, tokenHash), "device")
                .set("createdAt", Times.format(createdAt))
                .set("expiresAt", expiresAt.getEpochSecond()));
    }

    @Override
    public String name() {
        return "device tokens";
    }

    @Override
    public int forget(UserRef user, Forgetting forgetting) {
        int deleted = 0;
        for (Item device : forgetting.under(SessionItems.DEVICE_PREFIX)) {
            forgetting.delete(device.key());
            deleted++;
        }
        return deleted;
    }
}
