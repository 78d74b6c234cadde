package dev.latchkey.apikey.dynamo;

import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.UserData;
import dev.latchkey.session.dynamo.SessionItems;
import dev.latchkey.store.Item;
import dev.latchkey.store.ItemSchema;
import dev.latchkey.store.Keys;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import dev.latchkey.store.UsageIndex;

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
public final class DynamoApiKeyStore implements ApiKeyStore, UserData {
    private static final Expression NEW_ITEM = Expression.builder().expression("attribute_not_exists(pk)").build();
    private static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();
    private static final String REF_PREFIX = "APIKEYREF#";

    /** APIKEY#{sha256(key)} / APIKEY, listed per user by GSI1 USER#{userId} / APIKEY#{createdAt}#{id}. */
    static final StaticTableSchema<Item> API_KEY = ItemSchema.withGsi1()
            .strings("id", "userId", "name", "description", "createdAt", "lastUsedAt")
            .numbers("expiresAt")
            .build();

    /** USER#{userId} / APIKEYREF#{keyId}: the key's current hash and name, for revoking all of a user's keys. */
    static final StaticTableSchema<Item> API_KEY_REF = ItemSchema.keyed().strings("tokenHash", "name").numbers("expiresAt").build();

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> keys;
    private final DynamoDbTable<Item> refs;
    private final DynamoDbTable<Item> guards;
    private final DynamoDbTable<Item> sessionRefs;

    @Inject
    public DynamoApiKeyStore(LatchkeyTable table) {
        this.table = table;
        this.keys = table.view(API_KEY);
        this.refs = table.view(API_KEY_REF);
        this.guards = table.view(AccountItems.GUARD);
        this.sessionRefs = table.view(SessionItems.SESSION_REF);
    }

    @Override
    public boolean create(ApiKey key, String sessionId) {
        try {
            table.client().transactWriteItems(TransactWriteItemsEnhancedRequest.builder()
                    .addPutItem(guards, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(guardItem(key)).conditionExpression(freeName(key.createdAt())).build())
                    .addPutItem(keys, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(toItem(key)).conditionExpression(NEW_ITEM).build())
                    .addPutItem(refs, refItem(key))
                    .addConditionCheck(sessionRefs, sessionLives(key.userId(), sessionId))
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
        Item item = keys.getItem(GetItemEnhancedRequest.builder().key(apiKey(tokenHash)).consistentRead(true).build());
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
                            .key(apiKey(tokenHash)).conditionExpression(ownedBy(userId)).build())
                    .addDeleteItem(guards, TransactDeleteItemEnhancedRequest.builder()
                            .key(apiKeyName(userId, name)).build())
                    .addDeleteItem(refs, TransactDeleteItemEnhancedRequest.builder()
                            .key(apiKeyRef(userId, keyId)).build())
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
                            .key(apiKey(old.tokenHash())).conditionExpression(ownedBy(old.userId())).build())
                    .addPutItem(keys, TransactPutItemEnhancedRequest.builder(Item.class)
                            .item(toItem(replacement)).conditionExpression(NEW_ITEM).build())
                    .addPutItem(refs, refItem(replacement))
                    .addConditionCheck(sessionRefs, sessionLives(old.userId(), sessionId))
                    .build());
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public int revokeAll(String userId) {
        int revoked = 0;
        for (Item ref : LatchkeyTable.under(refs, Keys.userPartition(userId), REF_PREFIX)) {
            if (delete(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"), ref.str("name"))) {
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public void touch(ApiKey key, Instant now, Instant usedAfter) {
        UsageIndex.touch(keys, apiKey(key.tokenHash()), "apikey", "lastUsedAt", now, usedAfter);
    }

    @Override
    public String name() {
        return "API keys";
    }

    /** Every key with its pointer and name guard, found from the pointers. */
    @Override
    public int forget(UserRef user) {
        return revokeAll(user.userId());
    }

    private static Key apiKey(String tokenHash) {
        return Keys.key("APIKEY#" + tokenHash, "APIKEY");
    }

    private static Key apiKeyRef(String userId, String keyId) {
        return Keys.key(Keys.userPartition(userId), REF_PREFIX + keyId);
    }

    /** Makes key names unique per user (case-insensitively). */
    private static Key apiKeyName(String userId, String name) {
        return Keys.key("APIKEYNAME#" + userId + "#" + name.toLowerCase(java.util.Locale.ROOT), "APIKEYNAME");
    }

    /** The name is free, or held by a key that has expired (TTL removes it lazily, up to days late). */
    private static Expression freeName(Instant now) {
        return Expression.builder()
                .expression("attribute_not_exists(pk) OR expiresAt < :now")
                .expressionValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build();
    }

    private static ConditionCheck<Item> sessionLives(String userId, String sessionId) {
        return ConditionCheck.builder().key(SessionItems.sessionRef(userId, sessionId)).conditionExpression(EXISTS).build();
    }

    private static Expression ownedBy(String userId) {
        return Expression.builder()
                .expression("attribute_exists(pk) AND userId = :user")
                .expressionValues(Map.of(":user", AttributeValue.fromS(userId)))
                .build();
    }

    private static Item guardItem(ApiKey key) {
        return Keys.item(apiKeyName(key.userId(), key.name()), "apikey_name")
                .set("userId", key.userId())
                .set("expiresAt", key.expiresAt() == null ? null : key.expiresAt().getEpochSecond());
    }

    private static Item refItem(ApiKey key) {
        return Keys.item(apiKeyRef(key.userId(), key.id()), "apikey_ref")
                .set("tokenHash", key.tokenHash())
                .set("name", key.name())
                .set("expiresAt", key.expiresAt() == null ? null : key.expiresAt().getEpochSecond());
    }

    private static Item toItem(ApiKey key) {
        return Keys.item(apiKey(key.tokenHash()), "apikey")
                .set("gsi1pk", Keys.userPartition(key.userId()))
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
