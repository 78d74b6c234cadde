package dev.latchkey.store;

import dev.latchkey.session.Session;
import dev.latchkey.session.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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
    public boolean create(Session session, String verifiedPasswordHash) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addConditionCheck(table.users(), ConditionCheck.builder()
                            .key(Keys.user(session.userId()))
                            .conditionExpression(Expression.builder()
                                    .expression("passwordHash = :verified")
                                    .expressionValues(Map.of(":verified", AttributeValue.fromS(verifiedPasswordHash)))
                                    .build())
                            .build())
                    .addPutItem(sessions, toItem(session))
                    .addPutItem(table.sessionRefs(), refItem(session))
                    .build());
            return true;
        } catch (TransactionCanceledException passwordChanged) {
            return false;
        }
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
                    .addPutItem(table.sessionRefs(), TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(refItem(replacement)).conditionExpression(pointsTo(old.tokenHash())).build())
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean delete(Session session) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(sessions, TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.session(session.tokenHash())).conditionExpression(EXISTS).build())
                    .addDeleteItem(table.sessionRefs(), TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.sessionRef(session.userId(), session.id())).build())
                    .build());
            return true;
        } catch (TransactionCanceledException alreadyGone) {
            return false;
        }
    }

    @Override
    public int deleteAllOfUser(String userId, String keepSessionId) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue("USER#" + userId).sortValue("SESSIONREF#").build()))
                .consistentRead(true)
                .build();
        List<Item> refs = table.sessionRefs().query(query).stream().flatMap(page -> page.items().stream()).toList();
        int ended = 0;
        for (Item ref : refs) {
            String sessionId = ref.str("sk").substring("SESSIONREF#".length());
            if (!sessionId.equals(keepSessionId) && endByRef(userId, sessionId, ref.str("tokenHash"))) {
                ended++;
            }
        }
        return ended;
    }

    /**
     * Deletes a session and its pointer together, under a condition that the pointer still names
     * that token: a refresh racing this delete either lands first (we re-read and delete its token)
     * or fails on the pointer we removed.
     */
    private boolean endByRef(String userId, String sessionId, String tokenHash) {
        String hash = tokenHash;
        for (int attempt = 0; attempt < 3 && hash != null; attempt++) {
            try {
                table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                        .addDeleteItem(table.sessionRefs(), TransactDeleteItemEnhancedRequest.builder()
                                .key(Keys.sessionRef(userId, sessionId)).conditionExpression(pointsTo(hash)).build())
                        .addDeleteItem(sessions, TransactDeleteItemEnhancedRequest.builder().key(Keys.session(hash)).build())
                        .build());
                return true;
            } catch (TransactionCanceledException movedOrGone) {
                Item current = table.sessionRefs().getItem(GetItemEnhancedRequest.builder()
                        .key(Keys.sessionRef(userId, sessionId)).consistentRead(true).build());
                hash = current == null ? null : current.str("tokenHash");
            }
        }
        return false;
    }

    private static Expression pointsTo(String tokenHash) {
        return Expression.builder()
                .expression("tokenHash = :hash")
                .expressionValues(Map.of(":hash", AttributeValue.fromS(tokenHash)))
                .build();
    }

    static Item refItem(Session session) {
        return Keys.item(Keys.sessionRef(session.userId(), session.id()), "session_ref").set("tokenHash", session.tokenHash());
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
