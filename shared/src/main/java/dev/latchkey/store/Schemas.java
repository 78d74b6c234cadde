package dev.latchkey.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Static (non-reflective) schemas, one per item type of the single table. docs/data-model.md
 * lists the same items with their keys.
 */
public final class Schemas {
    public static final String GSI1 = "GSI1";

    /** USER#{userId} / APIKEYREF#{keyId}: the key's current hash and name, for revoking all of a user's keys. */
    public static final StaticTableSchema<Item> API_KEY_REF = base()
            .addAttribute(String.class, a -> a.name("tokenHash").getter(i -> i.str("tokenHash")).setter((i, v) -> i.set("tokenHash", v)))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.str("name")).setter((i, v) -> i.set("name", v)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.num("expiresAt")).setter((i, v) -> i.set("expiresAt", v)))
            .build();

    /** USER#{id} / PROFILE. */
    public static final StaticTableSchema<Item> USER = base()
            .addAttribute(String.class, a -> a.name("id").getter(i -> i.str("id")).setter((i, v) -> i.set("id", v)))
            .addAttribute(String.class, a -> a.name("email").getter(i -> i.str("email")).setter((i, v) -> i.set("email", v)))
            .addAttribute(String.class, a -> a.name("emailNormalized").getter(i -> i.str("emailNormalized")).setter((i, v) -> i.set("emailNormalized", v)))
            .addAttribute(Boolean.class, a -> a.name("emailVerified").getter(i -> i.bool("emailVerified")).setter((i, v) -> i.set("emailVerified", v)))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.str("name")).setter((i, v) -> i.set("name", v)))
            .addAttribute(String.class, a -> a.name("username").getter(i -> i.str("username")).setter((i, v) -> i.set("username", v)))
            .addAttribute(Boolean.class, a -> a.name("mfaEnabled").getter(i -> i.bool("mfaEnabled")).setter((i, v) -> i.set("mfaEnabled", v)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.str("createdAt")).setter((i, v) -> i.set("createdAt", v)))
            .addAttribute(String.class, a -> a.name("passwordHash").getter(i -> i.str("passwordHash")).setter((i, v) -> i.set("passwordHash", v)))
            .addAttribute(Long.class, a -> a.name("credentialEpoch").getter(i -> i.num("credentialEpoch")).setter((i, v) -> i.set("credentialEpoch", v)))
            .build();

    /** EMAIL#{normalized} / EMAIL and USERNAME#{name} / USERNAME: uniqueness guards pointing at a user. */
    public static final StaticTableSchema<Item> GUARD = base()
            .addAttribute(String.class, a -> a.name("userId").getter(i -> i.str("userId")).setter((i, v) -> i.set("userId", v)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.num("expiresAt")).setter((i, v) -> i.set("expiresAt", v)))
            .build();

    /** SIGNUP#{normalized email} / SIGNUP, found by GSI1 VERIFY#{sha256(token)}. */
    public static final StaticTableSchema<Item> PENDING_SIGNUP = withGsi1()
            .addAttribute(String.class, a -> a.name("email").getter(i -> i.str("email")).setter((i, v) -> i.set("email", v)))
            .addAttribute(String.class, a -> a.name("emailNormalized").getter(i -> i.str("emailNormalized")).setter((i, v) -> i.set("emailNormalized", v)))
            .addAttribute(String.class, a -> a.name("tokenHash").getter(i -> i.str("tokenHash")).setter((i, v) -> i.set("tokenHash", v)))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.str("name")).setter((i, v) -> i.set("name", v)))
            .addAttribute(String.class, a -> a.name("username").getter(i -> i.str("username")).setter((i, v) -> i.set("username", v)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.str("createdAt")).setter((i, v) -> i.set("createdAt", v)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.num("expiresAt")).setter((i, v) -> i.set("expiresAt", v)))
            .build();

    /** SESSION#{sha256(token)} / SESSION, listed per user by GSI1 USER#{userId} / SESSION#{createdAt}#{id}. */
    public static final StaticTableSchema<Item> SESSION = withGsi1()
            .addAttribute(String.class, a -> a.name("id").getter(i -> i.str("id")).setter((i, v) -> i.set("id", v)))
            .addAttribute(String.class, a -> a.name("userId").getter(i -> i.str("userId")).setter((i, v) -> i.set("userId", v)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.str("createdAt")).setter((i, v) -> i.set("createdAt", v)))
            .addAttribute(String.class, a -> a.name("lastSeenAt").getter(i -> i.str("lastSeenAt")).setter((i, v) -> i.set("lastSeenAt", v)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.num("expiresAt")).setter((i, v) -> i.set("expiresAt", v)))
            .addAttribute(String.class, a -> a.name("ip").getter(i -> i.str("ip")).setter((i, v) -> i.set("ip", v)))
            .addAttribute(String.class, a -> a.name("userAgent").getter(i -> i.str("userAgent")).setter((i, v) -> i.set("userAgent", v)))
            .addAttribute(Long.class, a -> a.name("credentialEpoch").getter(i -> i.num("credentialEpoch")).setter((i, v) -> i.set("credentialEpoch", v)))
            .build();

    /**
     * USER#{userId} / SESSIONREF#{sessionId}: which token hash a session has now. Written in the same
     * transaction as the session, so a strongly consistent query finds every live session of a user
     * (GSI1 may lag), which is what ending all of them after a password change or reset needs.
     */
    public static final StaticTableSchema<Item> SESSION_REF = base()
            .addAttribute(String.class, a -> a.name("tokenHash").getter(i -> i.str("tokenHash")).setter((i, v) -> i.set("tokenHash", v)))
            .addAttribute(Long.class, a -> a.name("credentialEpoch").getter(i -> i.num("credentialEpoch")).setter((i, v) -> i.set("credentialEpoch", v)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.str("createdAt")).setter((i, v) -> i.set("createdAt", v)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.num("expiresAt")).setter((i, v) -> i.set("expiresAt", v)))
            .build();

    /** APIKEY#{sha256(key)} / APIKEY, listed per user by GSI1 USER#{userId} / APIKEY#{createdAt}#{id}. */
    public static final StaticTableSchema<Item> API_KEY = withGsi1()
            .addAttribute(String.class, a -> a.name("id").getter(i -> i.str("id")).setter((i, v) -> i.set("id", v)))
            .addAttribute(String.class, a -> a.name("userId").getter(i -> i.str("userId")).setter((i, v) -> i.set("userId", v)))
            .addAttribute(String.class, a -> a.name("name").getter(i -> i.str("name")).setter((i, v) -> i.set("name", v)))
            .addAttribute(String.class, a -> a.name("description").getter(i -> i.str("description")).setter((i, v) -> i.set("description", v)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.str("createdAt")).setter((i, v) -> i.set("createdAt", v)))
            .addAttribute(String.class, a -> a.name("lastUsedAt").getter(i -> i.str("lastUsedAt")).setter((i, v) -> i.set("lastUsedAt", v)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.num("expiresAt")).setter((i, v) -> i.set("expiresAt", v)))
            .build();

    /** RESET#{userId} / RESET, found by GSI1 RESET#{sha256(token)} / RESET. */
    public static final StaticTableSchema<Item> PASSWORD_RESET = withGsi1()
            .addAttribute(String.class, a -> a.name("userId").getter(i -> i.str("userId")).setter((i, v) -> i.set("userId", v)))
            .addAttribute(String.class, a -> a.name("tokenHash").getter(i -> i.str("tokenHash")).setter((i, v) -> i.set("tokenHash", v)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.str("createdAt")).setter((i, v) -> i.set("createdAt", v)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.num("expiresAt")).setter((i, v) -> i.set("expiresAt", v)))
            .build();

    /** DEVICE#{sha256(token)} / DEVICE: a client that signed in to {@code userId} before. */
    public static final StaticTableSchema<Item> DEVICE = base()
            .addAttribute(String.class, a -> a.name("userId").getter(i -> i.str("userId")).setter((i, v) -> i.set("userId", v)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(i -> i.str("createdAt")).setter((i, v) -> i.set("createdAt", v)))
            .addAttribute(Long.class, a -> a.name("expiresAt").getter(i -> i.num("expiresAt")).setter((i, v) -> i.set("expiresAt", v)))
            .build();

    private Schemas() {
    }

    private static StaticTableSchema.Builder<Item> base() {
        return StaticTableSchema.builder(Item.class)
                .newItemSupplier(Item::new)
                .addAttribute(String.class, a -> a.name("pk").getter(i -> i.str("pk")).setter((i, v) -> i.set("pk", v)).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("sk").getter(i -> i.str("sk")).setter((i, v) -> i.set("sk", v)).tags(primarySortKey()))
                .addAttribute(String.class, a -> a.name("type").getter(i -> i.str("type")).setter((i, v) -> i.set("type", v)));
    }

    private static StaticTableSchema.Builder<Item> withGsi1() {
        return base()
                .addAttribute(String.class, a -> a.name("gsi1pk").getter(i -> i.str("gsi1pk")).setter((i, v) -> i.set("gsi1pk", v)).tags(secondaryPartitionKey(GSI1)))
                .addAttribute(String.class, a -> a.name("gsi1sk").getter(i -> i.str("gsi1sk")).setter((i, v) -> i.set("gsi1sk", v)).tags(secondarySortKey(GSI1)));
    }
}
