package dev.latchkey.store;

import dev.latchkey.session.Session;
import dev.latchkey.session.SessionStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Comparator;
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
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Sessions in the single table, keyed by the SHA-256 of their token, listed per user through GSI1.
 * Each session has a pointer item under its user ({@code USER#id / SESSIONREF#sessionId}) naming its
 * current token hash and credential epoch, written and deleted in the same transactions: a strongly
 * consistent query of the pointers finds every session of a user, which GSI1 (eventually
 * consistent) cannot promise.
 */
@Singleton
public final class DynamoSessionStore implements SessionStore {
    private static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();
    private static final String REF_PREFIX = "SESSIONREF#";
    /** Rounds of {@link #endAllBefore} before it gives up; each round re-reads and retries what a racing transaction cancelled. */
    private static final int END_ALL_ROUNDS = 25;

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
                    .addConditionCheck(table.users(), ConditionCheck.builder()
                            .key(Keys.user(old.userId()))
                            .conditionExpression(inEpoch(old.credentialEpoch()))
                            .build())
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
    public boolean endById(String userId, String sessionId, Instant now) {
        // A refresh racing this moves the pointer: re-read it and end the token it names now.
        for (int attempt = 0; attempt < END_ALL_ROUNDS; attempt++) {
            Item ref = table.sessionRefs().getItem(GetItemEnhancedRequest.builder()
                    .key(Keys.sessionRef(userId, sessionId)).consistentRead(true).build());
            if (ref == null) {
                return false;
            }
            boolean live = ref.num("expiresAt") == null || Instant.ofEpochSecond(ref.num("expiresAt")).isAfter(now);
            if (endByRef(userId, sessionId, ref.str("tokenHash"))) {
                return live;
            }
        }
        throw new IllegalStateException("a session could not be ended: its pointer kept moving");
    }

    @Override
    public int endAllBefore(String userId, long epoch) {
        int ended = 0;
        for (int round = 0; round < END_ALL_ROUNDS; round++) {
            List<Item> stale = refs(userId).stream().filter(ref -> epochOf(ref) < epoch).toList();
            if (stale.isEmpty()) {
                return ended;
            }
            boolean allEnded = true;
            for (Item ref : stale) {
                // Cancelled when a refresh that committed before the epoch moved changed the pointer, or
                // by a conflicting transaction: the next round re-reads the pointer and tries again.
                if (endByRef(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"))) {
                    ended++;
                } else {
                    allEnded = false;
                }
            }
            if (allEnded) {
                // The read came after the epoch moved, and nothing can make a session of an older epoch
                // since: what it found was all there was.
                return ended;
            }
        }
        throw new IllegalStateException("the sessions of a user could not all be ended after " + END_ALL_ROUNDS + " rounds");
    }

    @Override
    public int trimTo(String userId, int keep, Instant now, String newSessionId) {
        // Newest first, ties broken by id so racing sign-ins agree on the order; the new session is never the one to go.
        List<Item> live = refs(userId).stream()
                .filter(ref -> ref.num("expiresAt") == null || Instant.ofEpochSecond(ref.num("expiresAt")).isAfter(now))
                .sorted(Comparator.comparing((Item ref) -> !ref.str("sk").equals(REF_PREFIX + newSessionId))
                        .thenComparing(Comparator.comparing((Item ref) -> ref.str("createdAt") == null ? "" : ref.str("createdAt"))
                                .thenComparing(ref -> ref.str("sk")).reversed()))
                .toList();
        int ended = 0;
        for (Item ref : live.subList(Math.min(keep, live.size()), live.size())) {
            if (endByRef(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"))) {
                ended++;
            }
        }
        return ended;
    }

    private List<Item> refs(String userId) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue("USER#" + userId).sortValue(REF_PREFIX).build()))
                .consistentRead(true)
                .build();
        return table.sessionRefs().query(query).stream().flatMap(page -> page.items().stream()).toList();
    }

    /** Deletes a session and its pointer together, only while the pointer still names {@code tokenHash}. */
    private boolean endByRef(String userId, String sessionId, String tokenHash) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(table.sessionRefs(), TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.sessionRef(userId, sessionId)).conditionExpression(pointsTo(tokenHash)).build())
                    .addDeleteItem(sessions, TransactDeleteItemEnhancedRequest.builder().key(Keys.session(tokenHash)).build())
                    .build());
            return true;
        } catch (TransactionCanceledException movedGoneOrConflicting) {
            return false;
        }
    }

    private static long epochOf(Item ref) {
        Long epoch = ref.num("credentialEpoch");
        return epoch == null ? 0 : epoch;
    }

    /** The user exists and is still in credential epoch {@code epoch} (users made before epochs existed are in epoch 0). */
    static Expression inEpoch(long epoch) {
        return Expression.builder()
                .expression(epoch == 0
                        ? "attribute_exists(pk) AND (attribute_not_exists(credentialEpoch) OR credentialEpoch = :epoch)"
                        : "attribute_exists(pk) AND credentialEpoch = :epoch")
                .expressionValues(Map.of(":epoch", AttributeValue.fromN(Long.toString(epoch))))
                .build();
    }

    private static Expression pointsTo(String tokenHash) {
        return Expression.builder()
                .expression("tokenHash = :hash")
                .expressionValues(Map.of(":hash", AttributeValue.fromS(tokenHash)))
                .build();
    }

    static Item refItem(Session session) {
        return Keys.item(Keys.sessionRef(session.userId(), session.id()), "session_ref")
                .set("tokenHash", session.tokenHash())
                .set("credentialEpoch", session.credentialEpoch())
                .set("createdAt", Times.format(session.createdAt()))
                .set("expiresAt", session.expiresAt().getEpochSecond());
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
                .set("userAgent", session.userAgent())
                .set("credentialEpoch", session.credentialEpoch());
    }

    private static Session fromItem(Item i) {
        String pk = i.str("pk");
        Long epoch = i.num("credentialEpoch");
        return new Session(i.str("id"), pk.substring("SESSION#".length()), i.str("userId"), Times.parse(i.str("createdAt")),
                Times.parse(i.str("lastSeenAt")), Instant.ofEpochSecond(i.num("expiresAt")), i.str("ip"), i.str("userAgent"),
                epoch == null ? 0 : epoch);
    }
}
