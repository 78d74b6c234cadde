package dev.latchkey.mfa.dynamo;

import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.FactorUse;
import dev.latchkey.auth.UserData;
import dev.latchkey.mfa.MfaStore;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Forgetting;
import dev.latchkey.store.Item;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import dev.latchkey.store.Transaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TOTP factors, pending enrolments and recovery codes under {@code USER#{id}} (docs/data-model.md). */
@Singleton
public final class DynamoMfaStore implements MfaStore, UserData {
    private final LatchkeyTable table;
    private final Clock clock;

    @Inject
    public DynamoMfaStore(LatchkeyTable table, Clock clock) {
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<Pending> findPending(String userId, Instant now) {
        Item item = table.get(MfaItems.pending(userId), true);
        if (item == null || !Instant.ofEpochSecond(item.num("expiresAt")).isAfter(now)) {
            return Optional.empty(); // TTL deletes expired items late: they count as gone at once
        }
        return Optional.of(new Pending(item.str("sealedSecret"), Instant.ofEpochSecond(item.num("expiresAt"))));
    }

    @Override
    public boolean putPending(String userId, Pending pending, Instant now) {
        try {
            table.put(Keys.item(MfaItems.pending(userId), "mfa_pending")
                            .set("sealedSecret", pending.sealedSecret())
                            .set("createdAt", Times.format(now))
                            .set("expiresAt", pending.expiresAt().getEpochSecond()),
                    Condition.of("attribute_not_exists(pk) OR expiresAt <= :now",
                            Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())))));
            return true;
        } catch (ConditionalCheckFailedException racingEnrolment) {
            return false;
        }
    }

    @Override
    public Optional<Totp> findTotp(String userId) {
        Item item = table.get(MfaItems.totp(userId), true);
        return item == null ? Optional.empty() : Optional.of(new Totp(item.str("sealedSecret"), item.num("lastUsedStep")));
    }

    @Override
    public List<StoredCode> recoveryCodes(String userId) {
        return table.under(Keys.userPartition(userId), MfaItems.CODE_PREFIX).stream()
                .map(i -> new StoredCode(i.str("sk").substring(MfaItems.CODE_PREFIX.length()), i.str("salt"), i.str("hash")))
                .toList();
    }

    @Override
    public boolean enable(String userId, String pendingSealedSecret, Totp totp, List<StoredCode> newCodes) {
        Transaction transaction = table.transaction();
        mfaFlag(transaction, userId, true, "attribute_exists(pk) AND (attribute_not_exists(mfaEnabled) OR mfaEnabled = :other)")
                .delete(MfaItems.pending(userId), Condition.of("sealedSecret = :sealed", ":sealed", pendingSealedSecret))
                .put(Keys.item(MfaItems.totp(userId), "totp")
                        .set("sealedSecret", totp.sealedSecret())
                        .set("lastUsedStep", totp.lastUsedStep())
                        .set("createdAt", Times.format(clock.instant())));
        // codes left over from an earlier enrolment (a disable racing a replacement) must not come back to life
        for (StoredCode stale : recoveryCodes(userId)) {
            transaction.delete(MfaItems.code(userId, stale.id()));
        }
        putCodes(transaction, userId, newCodes);
        return run(transaction);
    }

    @Override
    public boolean disable(String userId, FactorUse use, List<StoredCode> current) {
        Transaction transaction = table.transaction();
        // The factor's item is deleted either way: for a TOTP use, on the same condition its spend would have had.
        mfaFlag(transaction, userId, false, "attribute_exists(pk) AND mfaEnabled = :other")
                .delete(MfaItems.totp(userId), use.kind() == FactorUse.Kind.TOTP ? MfaItems.stepBefore(use.step()) : Condition.EXISTS);
        if (use.kind() == FactorUse.Kind.RECOVERY_CODE) {
            MfaItems.addSpend(transaction, use);
        }
        deleteCodes(transaction, userId, current, use);
        transaction.delete(MfaItems.pending(userId));
        return run(transaction);
    }

    @Override
    public boolean replaceRecoveryCodes(String userId, FactorUse use, List<StoredCode> old, List<StoredCode> replacement) {
        Transaction transaction = table.transaction();
        MfaItems.addSpend(transaction, use);
        deleteCodes(transaction, userId, old, use);
        putCodes(transaction, userId, replacement);
        return run(transaction);
    }

    @Override
    public boolean spend(FactorUse use) {
        Transaction transaction = table.transaction();
        MfaItems.addSpend(transaction, use);
        return run(transaction);
    }

    @Override
    public String name() {
        return "two-factor authentication";
    }

    /** The recovery codes ({@code MFACODE#…}), the factor and the pending enrolment ({@code MFA#…}) the partition's read found. */
    @Override
    public int forget(UserRef user, Forgetting forgetting) {
        int forgotten = 0;
        for (String prefix : List.of(MfaItems.CODE_PREFIX, MfaItems.MFA_PREFIX)) {
            for (Item item : forgetting.under(prefix)) {
                forgetting.delete(item.key());
                forgotten++;
            }
        }
        return forgotten;
    }

    private static Transaction mfaFlag(Transaction transaction, String userId, boolean enabled, String condition) {
        return transaction.update(Keys.item(AccountItems.user(userId), "user").set("mfaEnabled", enabled),
                Condition.of(condition, Map.of(":other", AttributeValue.fromBool(!enabled))));
    }

    private void putCodes(Transaction transaction, String userId, List<StoredCode> stored) {
        String now = Times.format(clock.instant());
        for (StoredCode code : stored) {
            transaction.put(Keys.item(MfaItems.code(userId, code.id()), "recovery_code")
                    .set("salt", code.salt())
                    .set("hash", code.hash())
                    .set("createdAt", now), Condition.NEW_ITEM);
        }
    }

    /** Deletes {@code stored} except the one {@code use} spends (a transaction may touch an item once). */
    private void deleteCodes(Transaction transaction, String userId, List<StoredCode> stored,
                             FactorUse use) {
        for (StoredCode code : stored) {
            if (!code.id().equals(use.recoveryCodeId())) {
                transaction.delete(MfaItems.code(userId, code.id()));
            }
        }
    }

    private static boolean run(Transaction transaction) {
        try {
            transaction.commit();
            return true;
        } catch (TransactionCanceledException conditionFailed) {
            return false;
        }
    }
}
