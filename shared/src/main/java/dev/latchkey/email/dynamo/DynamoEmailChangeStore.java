package dev.latchkey.email.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.UserData;
import dev.latchkey.email.EmailChange;
import dev.latchkey.email.EmailChangeStore;
import dev.latchkey.password.dynamo.DynamoPasswordResetStore;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Item;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Pending email changes (one per user, found by token hash through GSI1) and the move of an account's address. */
@Singleton
public final class DynamoEmailChangeStore implements EmailChangeStore, UserData {
    private static final String SK = "EMAILCHANGE";

    private final LatchkeyTable table;

    @Inject
    public DynamoEmailChangeStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public void save(EmailChange change) {
        table.put(Keys.item(pending(change.userId()), "email_change")
                .set("gsi1pk", byToken(change.tokenHash()).pk())
                .set("gsi1sk", SK)
                .set("userId", change.userId())
                .set("email", change.email())
                .set("emailNormalized", change.normalizedEmail())
                .set("tokenHash", change.tokenHash())
                .set("createdAt", Times.format(change.createdAt()))
                .set("expiresAt", change.expiresAt().getEpochSecond()));
    }

    @Override
    public void discard(String userId) {
        table.delete(pending(userId));
    }

    @Override
    public Optional<EmailChange> findByTokenHash(String tokenHash) {
        return Optional.ofNullable(table.indexedAt(byToken(tokenHash)))
                .map(i -> new EmailChange(i.str("userId"), i.str("email"), i.str("emailNormalized"), i.str("tokenHash"),
                        Times.parse(i.str("createdAt")), Instant.ofEpochSecond(i.num("expiresAt"))));
    }

    @Override
    public Move complete(EmailChange change, Account account) {
        Item profile = Keys.item(AccountItems.user(account.id()), "user")
                .set("email", change.email())
                .set("emailNormalized", change.normalizedEmail())
                .set("emailVerified", true);
        try {
            // the order matters to the cancellation reasons below: 0 new guard, 1 pending change, 2 profile, 3 old guard
            table.transaction()
                    .put(AccountItems.guard(AccountItems.email(change.normalizedEmail()), "email", account.id()), Condition.NEW_ITEM)
                    .delete(pending(account.id()), equals("tokenHash", change.tokenHash()))
                    .update(profile, Condition.of("attribute_exists(pk) AND emailNormalized = :v", ":v", account.normalizedEmail()))
                    .delete(AccountItems.email(account.normalizedEmail()), equals("userId", account.id()))
                    .delete(DynamoPasswordResetStore.pendingReset(account.id()))
                    .commit();
            return Move.MOVED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failed(reasons, 0)) {
                return Move.ADDRESS_TAKEN;
            }
            if (failed(reasons, 1)) {
                return Move.LINK_GONE;
            }
            if (failed(reasons, 2) || failed(reasons, 3)) {
                return Move.CHANGED_MEANWHILE;
            }
            // a racing transaction on the same items (TransactionConflict): decided by what is there now
            Item guard = table.get(AccountItems.email(change.normalizedEmail()), true);
            return guard != null && !account.id().equals(guard.str("userId")) ? Move.ADDRESS_TAKEN : Move.CHANGED_MEANWHILE;
        }
    }

    @Override
    public String name() {
        return "pending email changes";
    }

    /** The pending change, by its key: a DeleteItem of its own, as the reset link ({@code DynamoPasswordResetStore#forget}). */
    @Override
    public int forget(UserRef user, dev.latchkey.store.Forgetting forgetting) {
        // queued by key, with the clean-up's other deletes: one request for all (a delete of no item costs AWS 1 WCU
        // in a batch as alone); not counted, as a batch does not say whether there was one
        forgetting.delete(pending(user.userId()));
        return 0;
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return reasons.size() > index && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    private static Condition equals(String attribute, String value) {
        return Condition.of(attribute + " = :v", ":v", value);
    }

    /**
     * EMAILCHANGE#{userId} / EMAILCHANGE, type {@code email_change}, found by GSI1 EMAILCHANGE#{sha256(token)} / EMAILCHANGE:
     * userId, email, emailNormalized, tokenHash, createdAt (S), expiresAt (N).
     */
    private static Key pending(String userId) {
        return Keys.key("EMAILCHANGE#" + userId, SK);
    }

    private static Key byToken(String tokenHash) {
        return Keys.key("EMAILCHANGE#" + tokenHash, SK);
    }
}
