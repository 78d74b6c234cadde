package dev.latchkey.password.dynamo;

import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.UserData;
import dev.latchkey.store.Item;
import dev.latchkey.store.ItemSchema;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;

import dev.latchkey.password.PasswordReset;
import dev.latchkey.password.PasswordResetStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Password resets (one per user, found by token hash through GSI1) and password-hash updates. */
@Singleton
public final class DynamoPasswordResetStore implements PasswordResetStore, UserData {
    private static final Expression USER_EXISTS = Expression.builder().expression("attribute_exists(pk)").build();

    /** RESET#{userId} / RESET, found by GSI1 RESET#{sha256(token)} / RESET. */
    static final StaticTableSchema<Item> PASSWORD_RESET = ItemSchema.withGsi1()
            .strings("userId", "tokenHash", "createdAt")
            .numbers("expiresAt")
            .build();

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> resets;
    private final DynamoDbTable<Item> users;

    @Inject
    public DynamoPasswordResetStore(LatchkeyTable table) {
        this.table = table;
        this.resets = table.view(PASSWORD_RESET);
        this.users = table.view(AccountItems.USER);
    }

    @Override
    public void save(PasswordReset reset) {
        resets.putItem(Keys.item(passwordReset(reset.userId()), "password_reset")
                .set("gsi1pk", resetToken(reset.tokenHash()).partitionKeyValue().s())
                .set("gsi1sk", "RESET")
                .set("userId", reset.userId())
                .set("tokenHash", reset.tokenHash())
                .set("createdAt", Times.format(reset.createdAt()))
                .set("expiresAt", reset.expiresAt().getEpochSecond()));
    }

    @Override
    public Optional<PasswordReset> findByTokenHash(String tokenHash) {
        // GSI1 is eventually consistent; complete() re-checks the token hash under a condition.
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(resetToken(tokenHash)))
                .limit(1)
                .build();
        return resets.index(ItemSchema.GSI1).query(query).stream()
                .flatMap(page -> page.items().stream())
                .findFirst()
                .map(i -> new PasswordReset(i.str("userId"), i.str("tokenHash"), Times.parse(i.str("createdAt")),
                        Instant.ofEpochSecond(i.num("expiresAt"))));
    }

    @Override
    public boolean complete(PasswordReset reset, String newPasswordHash, long epoch) {
        Expression stillPending = Expression.builder()
                .expression("tokenHash = :hash")
                .expressionValues(Map.of(":hash", AttributeValue.fromS(reset.tokenHash())))
                .build();
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(resets, TransactDeleteItemEnhancedRequest.builder()
                            .key(passwordReset(reset.userId())).conditionExpression(stillPending).build())
                    .addUpdateItem(users, TransactUpdateItemEnhancedRequest.builder(Item.class)
                            .item(passwordUpdate(reset.userId(), newPasswordHash, epoch + 1))
                            .ignoreNulls(true)
                            .conditionExpression(AccountItems.inEpoch(epoch))
                            .build())
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean updatePasswordHash(String userId, String expectedOldHash, String newPasswordHash, long epoch) {
        Expression inEpoch = AccountItems.inEpoch(epoch);
        Map<String, AttributeValue> values = new java.util.HashMap<>(inEpoch.expressionValues());
        values.put(":old", AttributeValue.fromS(expectedOldHash));
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addUpdateItem(users, TransactUpdateItemEnhancedRequest.builder(Item.class)
                            .item(passwordUpdate(userId, newPasswordHash, epoch + 1))
                            .ignoreNulls(true)
                            .conditionExpression(Expression.builder()
                                    .expression(inEpoch.expression() + " AND passwordHash = :old")
                                    .expressionValues(values)
                                    .build())
                            .build())
                    .addDeleteItem(resets, TransactDeleteItemEnhancedRequest.builder()
                            .key(passwordReset(userId)).build())
                    .build());
            return true;
        } catch (TransactionCanceledException changedMeanwhile) {
            return false;
        }
    }

    @Override
    public String name() {
        return "password reset links";
    }

    @Override
    public int forget(UserRef user) {
        return resets.deleteItem(passwordReset(user.userId())) == null ? 0 : 1;
    }

    /** The key of the user's pending reset link: an email change deletes it in its transaction (the link went to the old address). */
    public static Key pendingReset(String userId) {
        return passwordReset(userId);
    }

    private static Key passwordReset(String userId) {
        return Keys.key("RESET#" + userId, "RESET");
    }

    private static Key resetToken(String tokenHash) {
        return Keys.key("RESET#" + tokenHash, "RESET");
    }

    private static Item passwordUpdate(String userId, String passwordHash, long epoch) {
        return Keys.item(AccountItems.user(userId), "user").set("passwordHash", passwordHash).set("credentialEpoch", epoch);
    }
}
