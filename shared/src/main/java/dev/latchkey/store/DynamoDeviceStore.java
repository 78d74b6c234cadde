package dev.latchkey.store;

import dev.latchkey.session.DeviceStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/** Device tokens: {@code DEVICE#{sha256(token)} / DEVICE} with the user id and a TTL. */
@Singleton
public final class DynamoDeviceStore implements DeviceStore {
    private final LatchkeyTable table;

    @Inject
    public DynamoDeviceStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public Optional<String> userIdOf(String tokenHash, Instant now) {
        return Optional.ofNullable(table.devices().getItem(Keys.device(tokenHash)))
                .filter(i -> Instant.ofEpochSecond(i.num("expiresAt")).isAfter(now))
                .map(i -> i.str("userId"));
    }

    @Override
    public void save(String tokenHash, String userId, Instant createdAt, Instant expiresAt) {
        table.devices().putItem(Keys.item(Keys.device(tokenHash), "device")
                .set("userId", userId)
                .set("createdAt", Times.format(createdAt))
                .set("expiresAt", expiresAt.getEpochSecond()));
    }
}
