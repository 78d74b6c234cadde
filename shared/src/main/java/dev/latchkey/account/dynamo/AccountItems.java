package dev.latchkey.account.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Item;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.Times;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The profile and the uniqueness guards: the items other features' adapters condition their
 * writes on (a session on the user's credential epoch, a signup on a free address).
 */
public final class AccountItems {
    private AccountItems() {
    }

    /**
     * USER#{id} / PROFILE, type {@code user}: id, email, emailNormalized, name, username, createdAt, passwordHash (S),
     * emailVerified, mfaEnabled (BOOL), credentialEpoch (N).
     */
    public static Key user(String userId) {
        return Keys.key(Keys.userPartition(userId), "PROFILE");
    }

    public static Key email(String normalizedEmail) {
        return Keys.key("EMAIL#" + normalizedEmail, "EMAIL");
    }

    public static Key username(String username) {
        return Keys.key("USERNAME#" + username, "USERNAME");
    }

    /** The user exists and is still in credential epoch {@code epoch} (users made before epochs existed are in epoch 0). */
    public static Condition inEpoch(long epoch) {
        return Condition.of(epoch == 0
                        ? "attribute_exists(pk) AND (attribute_not_exists(credentialEpoch) OR credentialEpoch = :epoch)"
                        : "attribute_exists(pk) AND credentialEpoch = :epoch",
                Map.of(":epoch", AttributeValue.fromN(Long.toString(epoch))));
    }

    /**
     * The guard item at {@code key} pointing at {@code userId}: EMAIL#{normalized} / EMAIL, USERNAME#{name} / USERNAME,
     * APIKEYNAME#… (which also has expiresAt, N) make addresses and names unique.
     */
    public static Item guard(Key key, String type, String userId) {
        return Keys.item(key, type).set("userId", userId);
    }

    public static Item userItem(Account a) {
        return Keys.item(user(a.id()), "user")
                .set("id", a.id())
                .set("email", a.email())
                .set("emailNormalized", a.normalizedEmail())
                .set("emailVerified", a.emailVerified())
                .set("name", a.name())
                .set("username", a.username())
                .set("mfaEnabled", a.mfaEnabled())
                .set("createdAt", Times.format(a.createdAt()))
                .set("passwordHash", a.passwordHash())
                .set("credentialEpoch", a.credentialEpoch());
    }

    static Account account(Item i) {
        return new Account(i.str("id"), i.str("email"), i.str("emailNormalized"), Boolean.TRUE.equals(i.bool("emailVerified")),
                i.str("name"), i.str("username"), Boolean.TRUE.equals(i.bool("mfaEnabled")), Instant.parse(i.str("createdAt")),
                i.str("passwordHash"), i.num("credentialEpoch") == null ? 0 : i.num("credentialEpoch"));
    }
}
