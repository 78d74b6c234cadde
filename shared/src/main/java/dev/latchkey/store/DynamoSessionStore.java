package dev.latchkey.store;

import dev.latchkey.session.Session;
import dev.latchkey.session.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Sessions in the single table, keyed by the SHA-256 of their token, listed per user through GSI1. */
@Singleton
public final class DynamoSessionStore implements SessionStore {
    private static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> sessions;

    @Inject
    public DynamoSessionStore(LatchkeyTable table) {
        this.table = table;
        this.sessions = table.sessions();
    }

    @Override
    public void create(Session session) {
        sessions.putItem(toItem(session));
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        Item item = sessions.getItem(GetItemEnhancedRequest.builder().key(Keys.session(tokenHash)).consistentRead(true).build());
        return Optional.ofNullable(item).map(DynamoSessionStore::fromItem);
    }

    @Override
    public List<Session> listByUser(String userId) {
        return UsageIndex.ofUser(sessions, userId, "SESSION#").map(DynamoSessionStore::fromItem).toList();
    }

    @Override
    public void touch(Session session, Instant now, Instant seenAfter) {
        UsageIndex.touch(sessions, Keys.session(session.tokenHash()), "session", "lastSeenAt", now, seenAfter);
    }

    @Override
    public boolean rotate(Session old, Session replacement) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(sessions, TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.session(old.tokenHash())).conditionExpression(EXISTS).build())
                    .addPutItem(sessions, toItem(replacement))
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean delete(Session session) {
        try {
            sessions.deleteItem(DeleteItemEnhancedRequest.builder().key(Keys.session(session.tokenHash())).conditionExpression(EXISTS).build());
            return true;
        } catch (ConditionalCheckFailedException alreadyGone) {
            return false;
        }
    }

    @Override
    public int deleteAllOfUser(String userId, String keepSessionId) {
        int ended = 0;
        for (Session session : listByUser(userId)) {
            if (!session.id().equals(keepSessionId)) {
                sessions.deleteItem(Keys.session(session.tokenHash()));
                ended++;
            }
        }
        return ended;
    }

    static Item toItem(Session session) {
        return Keys.item(Keys.session(session.tokenHash()), "session")
                .set("gsi1pk", "USER#" + session.userId())
                .set("gsi1sk", "SESSION#" + Times.format(session.createdAt()) + "#" + session.id())
                .set("id", session.id())
                .set("userId", session.userId())
                .set("createdAt", Times.format(session.createdAt()))
                .set("lastSeenAt", Times.format(session.lastSeenAt()))
                .set("expiresAt", session.expiresAt().getEpochSecond())
                .set("ip", session.ip())
                .set("userAgent", session.userAgent());
    }

    private static Session fromItem(Item i) {
        String pk = i.str("pk");
        return new Session(i.str("id"), pk.substring("SESSION#".length()), i.str("userId"), Times.parse(i.str("createdAt")),
                Times.parse(i.str("lastSeenAt")), Instant.ofEpochSecond(i.num("expiresAt")), i.str("ip"), i.str("userAgent"));
    }
}
