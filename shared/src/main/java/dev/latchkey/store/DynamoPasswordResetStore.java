package dev.latchkey.store;

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
public final class DynamoPasswordResetStore implements PasswordResetStore {
    private static final Expression USER_EXISTS = Expression.builder().expression("attribute_exists(pk)").build();

    private final LatchkeyTable table;

    @Inject
    public DynamoPasswordResetStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public void save(PasswordReset reset) {
        table.passwordResets().putItem(Keys.item(Keys.passwordReset(reset.userId()), "password_reset")
                .set("gsi1pk", Keys.resetToken(reset.tokenHash()).partitionKeyValue().s())
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
                .queryConditional(QueryConditional.keyEqualTo(Keys.resetToken(tokenHash)))
                .limit(1)
                .build();
        return table.passwordResets().index(Schemas.GSI1).query(query).stream()
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
                    .addDeleteItem(table.passwordResets(), TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.passwordReset(reset.userId())).conditionExpression(stillPending).build())
                    .addUpdateItem(table.users(), TransactUpdateItemEnhancedRequest.builder(Item.class)
                            .item(passwordUpdate(reset.userId(), newPasswordHash, epoch + 1))
                            .ignoreNulls(true)
                            .conditionExpression(DynamoSessionStore.inEpoch(epoch))
                            .build())
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean updatePasswordHash(String userId, String expectedOldHash, String newPasswordHash, long epoch) {
        Expression inEpoch = DynamoSessionStore.inEpoch(epoch);
        Map<String, AttributeValue> values = new java.util.HashMap<>(inEpoch.expressionValues());
        values.put(":old", AttributeValue.fromS(expectedOldHash));
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addUpdateItem(table.users(), TransactUpdateItemEnhancedRequest.builder(Item.class)
                            .item(passwordUpdate(userId, newPasswordHash, epoch + 1))
                            .ignoreNulls(true)
                            .conditionExpression(Expression.builder()
                                    .expression(inEpoch.expression() + " AND passwordHash = :old")
                                    .expressionValues(values)
                                    .build())
                            .build())
                    .addDeleteItem(table.passwordResets(), TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.passwordReset(userId)).build())
                    .build());
            return true;
        } catch (TransactionCanceledException changedMeanwhile) {
            return false;
        }
    }

    private static Item passwordUpdate(String userId, String passwordHash, long epoch) {
        return Keys.item(Keys.user(userId), "user").set("passwordHash", passwordHash).set("credentialEpoch", epoch);
    }
}
