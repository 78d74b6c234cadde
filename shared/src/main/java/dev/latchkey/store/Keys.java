package dev.latchkey.store;

/** Key shapes shared by every feature; each feature's own shapes live beside its adapter (docs/data-model.md). */
public final class Keys {
    private Keys() {
    }

    /** The partition of everything that hangs under a user: {@code USER#{userId}}. */
    public static String userPartition(String userId) {
        return "USER#" + userId;
    }

    public static Key key(String pk, String sk) {
        return new Key(pk, sk);
    }

    /** A new item at {@code key} of {@code type}. */
    public static Item item(Key key, String type) {
        return new Item().set("pk", key.pk()).set("sk", key.sk()).set("type", type);
    }
}
