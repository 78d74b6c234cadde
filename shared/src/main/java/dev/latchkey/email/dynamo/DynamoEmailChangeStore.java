package dev.latchkey.email.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.UserData;
import dev.latchkey.email.EmailChange;
import dev.latchkey.email.EmailChangeStore;
import dev.latchkey.password.dynamo.DynamoPasswordResetStore;
import dev.latchkey.store.Item;
import dev.latchkey.store.ItemSchema;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Pending email changes (one per user, found by token hash through GSI1) and the move of an account's address. */
@Singleton
public final class DynamoEmailChangeStore implements EmailChangeStore, UserData {
    /** EMAILCHANGE#{userId} / EMAILCHANGE, found by GSI1 EMAILCHANGE#{sha256(token)} / EMAILCHANGE. */
    static final StaticTableSchema<Item> EMAIL_CHANGE = ItemSchema.withGsi1()
            .strings("userId", "email", "emailNormalized", "tokenHash", "createdAt")
            .numbers("expiresAt")
            .build();
    private static final String SK = "EMAILCHANGE";

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> changes;
    private final DynamoDbTable<Item> users;
    private final DynamoDbTable<Item> guards;

    @Inject
    public DynamoEmailChangeStore(LatchkeyTable table) {
        this.table = table;
        this.changes = table.view(EMAIL_CHANGE);
        this.users = table.view(AccountItems.USER);
        this.guards = table.view(AccountItems.GUARD);
    }

    @Override
    public void save(EmailChange change) {
        changes.putItem(Keys.item(pending(change.userId()), "email_change")
                .set("gsi1pk", byToken(change.tokenHash()).partitionKeyValue().s())
                .set("gsi1sk", SK)
                .set("userId", change.userId())
                .set("email", change.email())
                .set("emailNormalized", change.normalizedEmail())
                .set("tokenHash", change.tokenHash())
                .set("createdAt", Times.format(change.createdAt()))
                .set("expiresAt", change.expiresAt().getEpochSecond()));
    }

    @Override
    public void discard(String userId) {
        changes.deleteItem(pending(userId));
    }

    @Override
    public Optional<EmailChange> findByTokenHash(String tokenHash) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(byToken(tokenHash)))
                .limit(1)
                .build();
        return changes.index(ItemSchema.GSI1).query(query).stream()
                .flatMap(page -> page.items().stream())
                .findFirst()
                .map(i -> new EmailChange(i.str("userId"), i.str("email"), i.str("emailNormalized"), i.str("tokenHash"),
                        Times.parse(i.str("createdAt")), Instant.ofEpochSecond(i.num("expiresAt"))));
    }

    @Override
    public Move complete(EmailChange change, Account account) {
        Item profile = Keys.item(AccountItems.user(account.id()), "user")
                .set("email", change.email())
                .set("emailNormalized", change.normalizedEmail())
                .set("emailVerified", true);
        try {
            // the order matters to the cancellation reasons below: 0 new guard, 1 pending change, 2 profile, 3 old guard
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(guards, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(AccountItems.guard(AccountItems.email(change.normalizedEmail()), "email", account.id()))
                            .conditionExpression(AccountItems.NEW_ITEM).build())
                    .addDeleteItem(changes, TransactDeleteItemEnhancedRequest.builder().key(pending(account.id()))
                            .conditionExpression(equals("tokenHash", change.tokenHash())).build())
                    .addUpdateItem(users, TransactUpdateItemEnhancedRequest.builder(Item.class).item(profile).ignoreNulls(true)
                            .conditionExpression(Expression.builder().expression("attribute_exists(pk) AND emailNormalized = :v")
                                    .expressionValues(Map.of(":v", AttributeValue.fromS(account.normalizedEmail()))).build())
                            .build())
                    .addDeleteItem(guards, TransactDeleteItemEnhancedRequest.builder().key(AccountItems.email(account.normalizedEmail()))
                            .conditionExpression(equals("userId", account.id())).build())
                    .addDeleteItem(changes, TransactDeleteItemEnhancedRequest.builder()
                            .key(DynamoPasswordResetStore.pendingReset(account.id())).build())
                    .build());
            return Move.MOVED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                return Move.ADDRESS_TAKEN;
            }
            if (failed(reasons, 1)) {
                return Move.LINK_GONE;
            }
            if (failed(reasons, 2) || failed(reasons, 3)) {
                return Move.CHANGED_MEANWHILE;
            }
            // a racing transaction on the same items (TransactionConflict): decided by what is there now
            Item guard = guards.getItem(GetItemEnhancedRequest.builder().key(AccountItems.email(change.normalizedEmail()))
                    .consistentRead(true).build());
            return guard != null && !account.id().equals(guard.str("userId")) ? Move.ADDRESS_TAKEN : Move.CHANGED_MEANWHILE;
        }
    }

    @Override
    public String name() {
        return "pending email changes";
    }

    @Override
    public int forget(UserRef user) {
        return changes.deleteItem(pending(user.userId())) == null ? 0 : 1;
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Expression equals(String attribute, String value) {
        return Expression.builder().expression(attribute + " = :v").expressionValues(Map.of(":v", AttributeValue.fromS(value))).build();
    }

    private static Key pending(String userId) {
        return Keys.key("EMAILCHANGE#" + userId, SK);
    }

    private static Key byToken(String tokenHash) {
        return Keys.key("EMAILCHANGE#" + tokenHash, SK);
    }
}
