package dev.latchkey.session.dynamo;

import dev.latchkey.store.Item;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import dev.latchkey.store.Keys;
import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.FactorUse;
import dev.latchkey.auth.UserData;
import dev.latchkey.mfa.dynamo.MfaItems;
import dev.latchkey.store.UsageIndex;

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
public final class DynamoSessionStore implements SessionStore, UserData {
    private static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();
    private static final String REF_PREFIX = SessionItems.REF_PREFIX;
    /** Rounds of {@link #endAllBefore} before it gives up; each round re-reads and retries what a racing transaction cancelled. */
    private static final int END_ALL_ROUNDS = 25;

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> users;
    private final DynamoDbTable<Item> sessions;
    private final DynamoDbTable<Item> refs;

    @Inject
    public DynamoSessionStore(LatchkeyTable table) {
        this.table = table;
        this.users = table.view(AccountItems.USER);
        this.sessions = table.view(SessionItems.SESSION);
        this.refs = table.view(SessionItems.SESSION_REF);
    }

    @Override
    public Created create(Session session, String verifiedPasswordHash, Optional<FactorUse> factor) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .addConditionCheck(users, ConditionCheck.builder()
                        .key(AccountItems.user(session.userId()))
                        .conditionExpression(Expression.builder()
                                .expression("passwordHash = :verified")
                                .expressionValues(Map.of(":verified", AttributeValue.fromS(verifiedPasswordHash)))
                                .build())
                        .build())
                .addPutItem(sessions, SessionItems.toItem(session))
                .addPutItem(refs, SessionItems.refItem(session));
        factor.ifPresent(use -> MfaItems.addSpend(transaction, table, use));
        try {
            table.client().transactWriteItems(transaction.build());
            return Created.YES;
        } catch (TransactionCanceledException cancelled) {
            // reasons come in the order of the writes: the password check first, the factor's spend last
            boolean passwordChanged = !cancelled.hasCancellationReasons()
                    || "ConditionalCheckFailed".equals(cancelled.cancellationReasons().get(0).code());
            return passwordChanged || factor.isEmpty() ? Created.PASSWORD_CHANGED : Created.FACTOR_SPENT;
        }
    }

    @Override
    public Optional<Session> findByTokenHash(String tokenHash) {
        Item item = sessions.getItem(GetItemEnhancedRequest.builder().key(SessionItems.session(tokenHash)).consistentRead(true).build());
        return Optional.ofNullable(item).map(DynamoSessionStore::fromItem);
    }

    @Override
    public List<Session> listByUser(String userId) {
        return UsageIndex.ofUser(sessions, userId, "SESSION#").map(DynamoSessionStore::fromItem).toList();
    }

    @Override
    public void touch(Session session, Instant now, Instant seenAfter) {
        UsageIndex.touch(sessions, SessionItems.session(session.tokenHash()), "session", "lastSeenAt", now, seenAfter);
    }

    @Override
    public boolean rotate(Session old, Session replacement) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addConditionCheck(users, ConditionCheck.builder()
                            .key(AccountItems.user(old.userId()))
                            .conditionExpression(AccountItems.inEpoch(old.credentialEpoch()))
                            .build())
                    .addDeleteItem(sessions, TransactDeleteItemEnhancedRequest.builder()
                            .key(SessionItems.session(old.tokenHash())).conditionExpression(EXISTS).build())
                    .addPutItem(sessions, SessionItems.toItem(replacement))
                    .addPutItem(refs, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(SessionItems.refItem(replacement)).conditionExpression(pointsTo(old.tokenHash())).build())
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
                            .key(SessionItems.session(session.tokenHash())).conditionExpression(EXISTS).build())
                    .addDeleteItem(refs, TransactDeleteItemEnhancedRequest.builder()
                            .key(SessionItems.sessionRef(session.userId(), session.id())).build())
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
            Item ref = refs.getItem(GetItemEnhancedRequest.builder()
                    .key(SessionItems.sessionRef(userId, sessionId)).consistentRead(true).build());
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
    public int endAllExcept(String userId, String keepSessionId) {
        int ended = 0;
        for (int round = 0; round < END_ALL_ROUNDS; round++) {
            List<Item> others = refs(userId).stream().filter(ref -> !ref.str("sk").equals(REF_PREFIX + keepSessionId)).toList();
            boolean allEnded = true;
            for (Item ref : others) {
                if (endByRef(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"))) {
                    ended++;
                } else {
                    allEnded = false; // refreshed or ended meanwhile: the next round re-reads its pointer
                }
            }
            if (allEnded) {
                return ended;
            }
        }
        throw new IllegalStateException("the other sessions of a user could not all be ended after " + END_ALL_ROUNDS + " rounds");
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
        return LatchkeyTable.under(refs, Keys.userPartition(userId), REF_PREFIX);
    }

    @Override
    public String name() {
        return "sessions";
    }

    /** Every session of the user with its pointer; the devices go with {@link DynamoDeviceStore}. */
    @Override
    public int forget(UserRef user) {
        int ended = 0;
        for (int round = 0; round < END_ALL_ROUNDS; round++) {
            List<Item> left = refs(user.userId());
            if (left.isEmpty()) {
                return ended;
            }
            for (Item ref : left) {
                if (endByRef(user.userId(), ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"))) {
                    ended++;
                }
            }
        }
        throw new IllegalStateException("the sessions of a user could not all be ended after " + END_ALL_ROUNDS + " rounds");
    }

    /** Deletes a session and its pointer together, only while the pointer still names {@code tokenHash}. */
    private boolean endByRef(String userId, String sessionId, String tokenHash) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(refs, TransactDeleteItemEnhancedRequest.builder()
                            .key(SessionItems.sessionRef(userId, sessionId)).conditionExpression(pointsTo(tokenHash)).build())
                    .addDeleteItem(sessions, TransactDeleteItemEnhancedRequest.builder().key(SessionItems.session(tokenHash)).build())
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

    private static Expression pointsTo(String tokenHash) {
        return Expression.builder()
                .expression("tokenHash = :hash")
                .expressionValues(Map.of(":hash", AttributeValue.fromS(tokenHash)))
                .build();
    }

    private static Session fromItem(Item i) {
        String pk = i.str("pk");
        Long epoch = i.num("credentialEpoch");
        return new Session(i.str("id"), pk.substring("SESSION#".length()), i.str("userId"), Times.parse(i.str("createdAt")),
                Times.parse(i.str("lastSeenAt")), Instant.ofEpochSecond(i.num("expiresAt")), i.str("ip"), i.str("userAgent"),
                epoch == null ? 0 : epoch, i.str("amr") == null ? null : List.of(i.str("amr").split(" ")));
    }
}
