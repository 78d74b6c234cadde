package dev.latchkey.store;

import dev.latchkey.apikey.ApiKey;
import dev.latchkey.apikey.ApiKeyStore;
import dev.latchkey.password.CredentialRevocation;
import dev.latchkey.error.DomainError;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * API keys under the SHA-256 of the key, listed per user through GSI1, names unique per user by a
 * guard item, and a per-user pointer ({@code USER#id / APIKEYREF#keyId}) written in the same
 * transactions, so revoking all of a user's keys finds them with a strongly consistent query.
 */
@Singleton
public final class DynamoApiKeyStore implements ApiKeyStore, CredentialRevocation {
    private static final Expression NEW_ITEM = Expression.builder().expression("attribute_not_exists(pk)").build();
    private static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();
    private static final String REF_PREFIX = "APIKEYREF#";

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> keys;

    @Inject
    public DynamoApiKeyStore(LatchkeyTable table) {
        this.table = table;
        this.keys = table.apiKeys();
    }

    @Override
    public boolean create(ApiKey key, String sessionId) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(table.guards(), TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(guardItem(key)).conditionExpression(freeName(key.createdAt())).build())
                    .addPutItem(keys, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(toItem(key)).conditionExpression(NEW_ITEM).build())
                    .addPutItem(table.apiKeyRefs(), refItem(key))
                    .addConditionCheck(table.sessionRefs(), sessionLives(key.userId(), sessionId))
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.getFirst().code())) {
                throw DomainError.conflict("name", "you already have an API key with this name");
            }
            if (reasons.size() > 3 && "ConditionalCheckFailed".equals(reasons.get(3).code())) {
                return false;
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
        return delete(key.userId(), key.id(), key.tokenHash(), key.name());
    }

    private boolean delete(String userId, String keyId, String tokenHash, String name) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(keys, TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.apiKey(tokenHash)).conditionExpression(ownedBy(userId)).build())
                    .addDeleteItem(table.guards(), TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.apiKeyName(userId, name)).build())
                    .addDeleteItem(table.apiKeyRefs(), TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.apiKeyRef(userId, keyId)).build())
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean replace(ApiKey old, ApiKey replacement, String sessionId) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addDeleteItem(keys, TransactDeleteItemEnhancedRequest.builder()
                            .key(Keys.apiKey(old.tokenHash())).conditionExpression(ownedBy(old.userId())).build())
                    .addPutItem(keys, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(toItem(replacement)).conditionExpression(NEW_ITEM).build())
                    .addPutItem(table.apiKeyRefs(), refItem(replacement))
                    .addConditionCheck(table.sessionRefs(), sessionLives(old.userId(), sessionId))
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public int revokeApiKeys(String userId) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue("USER#" + userId).sortValue(REF_PREFIX).build()))
                .consistentRead(true)
                .build();
        int revoked = 0;
        for (Item ref : table.apiKeyRefs().query(query).stream().flatMap(page -> page.items().stream()).toList()) {
            if (delete(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"), ref.str("name"))) {
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public void touch(ApiKey key, Instant now, Instant usedAfter) {
        UsageIndex.touch(keys, Keys.apiKey(key.tokenHash()), "apikey", "lastUsedAt", now, usedAfter);
    }

    /** The name is free, or held by a key that has expired (TTL removes it lazily, up to days late). */
    private static Expression freeName(Instant now) {
        return Expression.builder()
                .expression("attribute_not_exists(pk) OR expiresAt < :now")
                .expressionValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build();
    }

    private static ConditionCheck<Item> sessionLives(String userId, String sessionId) {
        return ConditionCheck.builder().key(Keys.sessionRef(userId, sessionId)).conditionExpression(EXISTS).build();
    }

    private static Expression ownedBy(String userId) {
        return Expression.builder()
                .expression("attribute_exists(pk) AND userId = :user")
                .expressionValues(Map.of(":user", AttributeValue.fromS(userId)))
                .build();
    }

    private static Item guardItem(ApiKey key) {
        return Keys.item(Keys.apiKeyName(key.userId(), key.name()), "apikey_name")
                .set("userId", key.userId())
                .set("expiresAt", key.expiresAt() == null ? null : key.expiresAt().getEpochSecond());
    }

    private static Item refItem(ApiKey key) {
        return Keys.item(Keys.apiKeyRef(key.userId(), key.id()), "apikey_ref")
                .set("tokenHash", key.tokenHash())
                .set("name", key.name())
                .set("expiresAt", key.expiresAt() == null ? null : key.expiresAt().getEpochSecond());
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
                .set("lastUsedAt", key.lastUsedAt() == null ? null : Times.format(key.lastUsedAt()))
                .set("expiresAt", key.expiresAt() == null ? null : key.expiresAt().getEpochSecond());
    }

    private static ApiKey fromItem(Item i) {
        String lastUsed = i.str("lastUsedAt");
        Long expires = i.num("expiresAt");
        return new ApiKey(i.str("id"), i.str("pk").substring("APIKEY#".length()), i.str("userId"), i.str("name"),
                i.str("description"), Times.parse(i.str("createdAt")), lastUsed == null ? null : Times.parse(lastUsed),
                expires == null ? null : Instant.ofEpochSecond(expires));
    }
}
