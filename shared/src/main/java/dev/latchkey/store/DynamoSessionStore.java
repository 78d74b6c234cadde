package dev.latchkey.store;

import dev.latchkey.session.Session;
import dev.latchkey.session.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;

/** Sessions in the single table, keyed by the SHA-256 of their token. */
@Singleton
public final class DynamoSessionStore implements SessionStore {
    private final DynamoDbTable<Item> sessions;

    @Inject
    public DynamoSessionStore(LatchkeyTable table) {
        this.sessions = table.sessions();
    }

    @Override
    public void create(Session session) {
        sessions.putItem(toItem(session));
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        Item item = sessions.getItem(GetItemEnhancedRequest.builder().key(Keys.session(tokenHash)).consistentRead(true).build());
        return Optional.ofNullable(item).map(i -> fromItem(i, tokenHash));
    }

    static Item toItem(Session session) {
        return Keys.item(Keys.session(session.tokenHash()), "session")
                .set("gsi1pk", "USER#" + session.userId())
                .set("gsi1sk", "SESSION#" + session.createdAt() + "#" + session.id())
                .set("id", session.id())
                .set("userId", session.userId())
                .set("createdAt", session.createdAt().toString())
                .set("lastSeenAt", session.lastSeenAt().toString())
                .set("expiresAt", session.expiresAt().getEpochSecond())
                .set("ip", session.ip())
                .set("userAgent", session.userAgent());
    }

    private static Session fromItem(Item i, String tokenHash) {
        return new Session(i.str("id"), tokenHash, i.str("userId"), Instant.parse(i.str("createdAt")),
                Instant.parse(i.str("lastSeenAt")), Instant.ofEpochSecond(i.num("expiresAt")), i.str("ip"), i.str("userAgent"));
    }
}
