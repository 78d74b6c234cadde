package dev.latchkey.store;

import software.amazon.awssdk.enhanced.dynamodb.Key;

/** Key shapes shared by every feature; each feature's own shapes live beside its adapter (docs/data-model.md). */
public final class Keys {
    private Keys() {
    }

    /** The partition of everything that hangs under a user: {@code USER#{userId}}. */
    public static String userPartition(String userId) {
        return "USER#" + userId;
    }

    public static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }

    /** A new item at {@code key} of {@code type}. */
    public static Item item(Key key, String type) {
        return new Item().set("pk", key.partitionKeyValue().s()).set("sk", key.sortKeyValue().orElseThrow().s()).set("type", type);
    }
}
