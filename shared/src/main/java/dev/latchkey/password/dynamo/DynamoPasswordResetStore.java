package dev.latchkey.password.dynamo;

import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.UserData;
import dev.latchkey.password.PasswordReset;
import dev.latchkey.password.PasswordResetStore;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Item;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Password resets (one per user, found by token hash through GSI1) and password-hash updates. */
@Singleton
public final class DynamoPasswordResetStore implements PasswordResetStore, UserData {
    private final LatchkeyTable table;

    @Inject
    public DynamoPasswordResetStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public void save(PasswordReset reset) {
        table.put(Keys.item(passwordReset(reset.userId()), "password_reset")
                .set("gsi1pk", resetToken(reset.tokenHash()).pk())
                .set("gsi1sk", "RESET")
                .set("userId", reset.userId())
                .set("tokenHash", reset.tokenHash())
                .set("createdAt", Times.format(reset.createdAt()))
                .set("expiresAt", reset.expiresAt().getEpochSecond()));
    }

    @Override
    public Optional<PasswordReset> findByTokenHash(String tokenHash) {
        // GSI1 is eventually consistent; complete() re-checks the token hash under a condition.
        return Optional.ofNullable(table.indexedAt(resetToken(tokenHash)))
                .map(i -> new PasswordReset(i.str("userId"), i.str("tokenHash"), Times.parse(i.str("createdAt")),
                        Instant.ofEpochSecond(i.num("expiresAt"))));
    }

    @Override
    public boolean complete(PasswordReset reset, String newPasswordHash, long epoch) {
        try {
            table.transaction()
                    .delete(passwordReset(reset.userId()), Condition.of("tokenHash = :hash", ":hash", reset.tokenHash()))
                    .update(passwordUpdate(reset.userId(), newPasswordHash, epoch + 1), AccountItems.inEpoch(epoch))
                    .commit();
            return true;
        } catch (TransactionCanceledException e) {
            return false;
        }
    }

    @Override
    public boolean updatePasswordHash(String userId, String expectedOldHash, String newPasswordHash, long epoch) {
        try {
            table.transaction()
                    .update(passwordUpdate(userId, newPasswordHash, epoch + 1),
                            AccountItems.inEpoch(epoch).and("passwordHash = :old", ":old", expectedOldHash))
                    .delete(passwordReset(userId))
                    .commit();
            return true;
        } catch (TransactionCanceledException changedMeanwhile) {
            return false;
        }
    }

    @Override
    public String name() {
        return "password reset links";
    }

    /**
     * The pending link, by its key (not in the user's partition, so not in the clean-up's read): a DeleteItem of its
     * own, not a queued one — in a batch DynamoDB Local charges an absent item 2 WCU, alone 1, and there is usually none.
     */
    @Override
    public int forget(UserRef user, dev.latchkey.store.Forgetting forgetting) {
        // queued by key, with the clean-up's other deletes: one request for all (a delete of no item costs AWS 1 WCU
        // in a batch as alone); not counted, as a batch does not say whether there was one
        forgetting.delete(passwordReset(user.userId()));
        return 0;
    }

    /** The key of the user's pending reset link: an email change deletes it in its transaction (the link went to the old address). */
    public static Key pendingReset(String userId) {
        return passwordReset(userId);
    }

    /**
     * RESET#{userId} / RESET, type {@code password_reset}, found by GSI1 RESET#{sha256(token)} / RESET: userId, tokenHash,
     * createdAt (S), expiresAt (N).
     */
    private static Key passwordReset(String userId) {
        return Keys.key("RESET#" + userId, "RESET");
    }

    private static Key resetToken(String tokenHash) {
        return Keys.key("RESET#" + tokenHash, "RESET");
    }

    private static Item passwordUpdate(String userId, String passwordHash, long epoch) {
        return Keys.item(AccountItems.user(userId), "user").set("passwordHash", passwordHash).set("credentialEpoch", epoch);
    }
}
