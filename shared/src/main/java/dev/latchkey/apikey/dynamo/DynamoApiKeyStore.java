package dev.latchkey.apikey.dynamo;

import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.apikey.ApiKey;
import dev.latchkey.apikey.ApiKeyStore;
import dev.latchkey.auth.UserData;
import dev.latchkey.error.DomainError;
import dev.latchkey.session.dynamo.SessionItems;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Forgetting;
import dev.latchkey.store.Item;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import dev.latchkey.store.UsageIndex;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private static final String REF_PREFIX = "APIKEYREF#";

    private final LatchkeyTable table;

    @Inject
    public DynamoApiKeyStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public boolean create(ApiKey key, String sessionId) {
        try {
            table.transaction()
                    .put(guardItem(key), freeName(key.createdAt()))
                    .put(toItem(key), Condition.NEW_ITEM)
                    .put(refItem(key))
                    .check(SessionItems.sessionRef(key.userId(), sessionId), Condition.EXISTS)
                    .check(AccountItems.user(key.userId()), Condition.EXISTS) // not after the account's deletion
                    .commit();
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (reasons.size() > 4 && "ConditionalCheckFailed".equals(reasons.get(4).code())) {
                throw DomainError.of(dev.latchkey.error.ErrorCode.UNAUTHENTICATED, "the account is gone");
            }
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
        return Optional.ofNullable(table.get(apiKey(tokenHash), true)).map(DynamoApiKeyStore::fromItem);
    }

    @Override
    public List<ApiKey> listByUser(String userId) {
        return UsageIndex.ofUser(table, userId, "APIKEY#").stream().map(DynamoApiKeyStore::fromItem).toList();
    }

    @Override
    public boolean delete(ApiKey key) {
        return delete(key.userId(), key.id(), key.tokenHash(), key.name());
    }

    private boolean delete(String userId, String keyId, String tokenHash, String name) {
        try {
            table.transaction()
                    .delete(apiKey(tokenHash), ownedBy(userId))
                    .delete(apiKeyName(userId, name))
                    .delete(apiKeyRef(userId, keyId))
                    .commit();
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean replace(ApiKey old, ApiKey replacement, String sessionId) {
        try {
            table.transaction()
                    .delete(apiKey(old.tokenHash()), ownedBy(old.userId()))
                    .put(toItem(replacement), Condition.NEW_ITEM)
                    .put(refItem(replacement))
                    .check(SessionItems.sessionRef(old.userId(), sessionId), Condition.EXISTS)
                    .check(AccountItems.user(old.userId()), Condition.EXISTS) // not after the account's deletion
                    .commit();
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public int revokeAll(String userId) {
        return revoke(userId, table.under(Keys.userPartition(userId), REF_PREFIX));
    }

    private int revoke(String userId, List<Item> refs) {
        int revoked = 0;
        for (Item ref : refs) {
            if (delete(userId, ref.str("sk").substring(REF_PREFIX.length()), ref.str("tokenHash"), ref.str("name"))) {
                revoked++;
            }
        }
        return revoked;
    }

    @Override
    public void touch(ApiKey key, Instant now, Instant usedAfter) {
        UsageIndex.touch(table, apiKey(key.tokenHash()), "apikey", "lastUsedAt", now, usedAfter);
    }

    @Override
    public String name() {
        return "API keys";
    }

    /**
     * Every key with its pointer and name guard, found from the pointers in the partition's read, queued as
     * unconditional deletes. A key is created or replaced only while its user's profile exists (both transactions
     * check it), and the clean-up runs after the profile's deletion: no key can be added or replaced after the read
     * this one sees, so no condition is needed, and a key item that TTL removed already (an expired key) leaves no
     * pointer or guard behind.
     */
    @Override
    public int forget(UserRef user, Forgetting forgetting) {
        List<Item> refs = forgetting.under(REF_PREFIX);
        for (Item ref : refs) {
            forgetting.delete(apiKey(ref.str("tokenHash")));
            forgetting.delete(apiKeyName(user.userId(), ref.str("name")));
            forgetting.delete(apiKeyRef(user.userId(), ref.str("sk").substring(REF_PREFIX.length())));
        }
        return refs.size();
    }

    /**
     * APIKEY#{sha256(key)} / APIKEY, type {@code apikey}, listed per user by GSI1 USER#{userId} / APIKEY#{createdAt}#{id}:
     * id, userId, name, description, createdAt, lastUsedAt (S), expiresAt (N).
     */
    private static Key apiKey(String tokenHash) {
        return Keys.key("APIKEY#" + tokenHash, "APIKEY");
    }

    /** USER#{userId} / APIKEYREF#{keyId}, type {@code apikey_ref}: the key's current hash and name (tokenHash, name: S; expiresAt: N), for revoking all of a user's keys. */
    private static Key apiKeyRef(String userId, String keyId) {
        return Keys.key(Keys.userPartition(userId), REF_PREFIX + keyId);
    }

    /** Makes key names unique per user (case-insensitively): a guard (type {@code apikey_name}, {@link AccountItems#guard}) with expiresAt. */
    private static Key apiKeyName(String userId, String name) {
        return Keys.key("APIKEYNAME#" + userId + "#" + name.toLowerCase(java.util.Locale.ROOT), "APIKEYNAME");
    }

    /** The name is free, or held by a key that has expired (TTL removes it lazily, up to days late). */
    private static Condition freeName(Instant now) {
        return Condition.of("attribute_not_exists(pk) OR expiresAt < :now",
                Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
    }

    private static Condition ownedBy(String userId) {
        return Condition.of("attribute_exists(pk) AND userId = :user", ":user", userId);
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
