package dev.latchkey.store;

import dev.latchkey.apikey.ApiKey;
import dev.latchkey.apikey.ApiKeyStore;
import dev.latchkey.error.DomainError;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** API keys under the SHA-256 of the key, listed per user through GSI1, names unique per user by a guard item. */
@Singleton
public final class DynamoApiKeyStore implements ApiKeyStore {
    private static final Expression NEW_ITEM = Expression.builder().expression("attribute_not_exists(pk)").build();

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> keys;

    @Inject
    public DynamoApiKeyStore(LatchkeyTable table) {
        this.table = table;
        this.keys = table.apiKeys();
    }

    @Override
    public void create(ApiKey key) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(table.guards(), TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(Keys.item(Keys.apiKeyName(key.userId(), key.name()), "apikey_name").set("userId", key.userId()))
                            .conditionExpression(NEW_ITEM).build())
                    .addPutItem(keys, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(toItem(key)).conditionExpression(NEW_ITEM).build())
                    .build());
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code())) {
                throw DomainError.conflict("name", "you already have an API key with this name");
            }
            throw e;
        }
    }

    @Override
    public Optional<ApiKey> findByTokenHash(String tokenHash) {
        Item item = keys.getItem(GetItemEnhancedRequest.builder().key(Keys.apiKey(tokenHash)).consistentRead(true).build());
        return Optional.ofNullable(item).map(DynamoApiKeyStore::fromItem);
    }

    @Override
    public List<ApiKey> listByUser(String userId) {
        return UsageIndex.ofUser(keys, userId, "APIKEY#").map(DynamoApiKeyStore::fromItem).toList();
    }

    @Override
    public boolean delete(ApiKey key) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(keys, TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.apiKey(key.tokenHash())).conditionExpression(ownedBy(key.userId())).build())
                    .addDeleteItem(table.guards(), TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.apiKeyName(key.userId(), key.name())).build())
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean replace(ApiKey old, ApiKey replacement) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(keys, TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.apiKey(old.tokenHash())).conditionExpression(ownedBy(old.userId())).build())
                    .addPutItem(keys, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(toItem(replacement)).conditionExpression(NEW_ITEM).build())
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public void touch(ApiKey key, Instant now, Instant usedAfter) {
        UsageIndex.touch(keys, Keys.apiKey(key.tokenHash()), "apikey", "lastUsedAt", now, usedAfter);
    }

    private static Expression ownedBy(String userId) {
        return Expression.builder()
                .expression("attribute_exists(pk) AND userId = :user")
                .expressionValues(Map.of(":user", AttributeValue.fromS(userId)))
                .build();
    }

    private static Item toItem(ApiKey key) {
        return Keys.item(Keys.apiKey(key.tokenHash()), "apikey")
                .set("gsi1pk", "USER#" + key.userId())
                .set("gsi1sk", "APIKEY#" + Times.format(key.createdAt()) + "#" + key.id())
                .set("id", key.id())
                .set("userId", key.userId())
                .set("name", key.name())
                .set("description", key.description())
                .set("createdAt", Times.format(key.createdAt()))
                .set("lastUsedAt", key.lastUsedAt() == null ? null : Times.format(key.lastUsedAt()));
    }

    private static ApiKey fromItem(Item i) {
        String lastUsed = i.str("lastUsedAt");
        return new ApiKey(i.str("id"), i.str("pk").substring("APIKEY#".length()), i.str("userId"), i.str("name"),
                i.str("description"), Times.parse(i.str("createdAt")), lastUsed == null ? null : Times.parse(lastUsed));
    }
}
