package dev.latchkey.store;

import software.amazon.awssdk.enhanced.dynamodb.Key;

/** Key shapes of the single table (docs/data-model.md). */
final class Keys {
    static final String PROFILE = "PROFILE";

    private Keys() {
    }

    static Key user(String userId) {
        return key("USER#" + userId, PROFILE);
    }

    static Key email(String normalizedEmail) {
        return key("EMAIL#" + normalizedEmail, "EMAIL");
    }

    static Key username(String username) {
        return key("USERNAME#" + username, "USERNAME");
    }

    static Key pendingSignup(String normalizedEmail) {
        return key("SIGNUP#" + normalizedEmail, "SIGNUP");
    }

    static Key verification(String tokenHash) {
        return key("VERIFY#" + tokenHash, "VERIFY");
    }

    static Key session(String tokenHash) {
        return key("SESSION#" + tokenHash, "SESSION");
    }

    static Key sessionRef(String userId, String sessionId) {
        return key("USER#" + userId, "SESSIONREF#" + sessionId);
    }

    static Key apiKey(String tokenHash) {
        return key("APIKEY#" + tokenHash, "APIKEY");
    }

    static Key apiKeyRef(String userId, String keyId) {
        return key("USER#" + userId, "APIKEYREF#" + keyId);
    }

    /** Makes key names unique per user (case-insensitively). */
    static Key apiKeyName(String userId, String name) {
        return key("APIKEYNAME#" + userId + "#" + name.toLowerCase(java.util.Locale.ROOT), "APIKEYNAME");
    }

    static Key device(String tokenHash) {
        return key("DEVICE#" + tokenHash, "DEVICE");
    }

    static Key passwordReset(String userId) {
        return key("RESET#" + userId, "RESET");
    }

    static Key resetToken(String tokenHash) {
        return key("RESET#" + tokenHash, "RESET");
    }

    static Item item(Key key, String type) {
        return new Item().set("pk", key.partitionKeyValue().s()).set("sk", key.sortKeyValue().orElseThrow().s()).set("type", type);
    }

    private static Key key(String pk, String sk) {
        return Key.builder().partitionValue(pk).sortValue(sk).build();
    }
}
