package dev.latchkey.mfa.dynamo;

import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.auth.FactorUse;
import dev.latchkey.auth.UserData;
import dev.latchkey.mfa.MfaStore;
import dev.latchkey.store.Item;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TOTP factors, pending enrolments and recovery codes under {@code USER#{id}} (docs/data-model.md). */
@Singleton
public final class DynamoMfaStore implements MfaStore, UserData {
    private static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> pendings;
    private final DynamoDbTable<Item> totps;
    private final DynamoDbTable<Item> codes;
    private final DynamoDbTable<Item> users;
    private final Clock clock;

    @Inject
    public DynamoMfaStore(LatchkeyTable table, Clock clock) {
        this.table = table;
        this.pendings = table.view(MfaItems.PENDING);
        this.totps = table.view(MfaItems.TOTP);
        this.codes = MfaItems.codes(table);
        this.users = table.view(AccountItems.USER);
        this.clock = clock;
    }

    @Override
    public Optional<Pending> findPending(String userId, Instant now) {
        Item item = pendings.getItem(GetItemEnhancedRequest.builder().key(MfaItems.pending(userId)).consistentRead(true).build());
        if (item == null || !Instant.ofEpochSecond(item.num("expiresAt")).isAfter(now)) {
            return Optional.empty(); // TTL deletes expired items late: they count as gone at once
        }
        return Optional.of(new Pending(item.str("sealedSecret"), Instant.ofEpochSecond(item.num("expiresAt"))));
    }

    @Override
    public boolean putPending(String userId, Pending pending, Instant now) {
        try {
            pendings.putItem(PutItemEnhancedRequest.builder(Item.class)
                    .item(Keys.item(MfaItems.pending(userId), "mfa_pending")
                            .set("sealedSecret", pending.sealedSecret())
                            .set("createdAt", Times.format(now))
                            .set("expiresAt", pending.expiresAt().getEpochSecond()))
                    .conditionExpression(Expression.builder()
                            .expression("attribute_not_exists(pk) OR expiresAt <= :now")
                            .expressionValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                            .build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException racingEnrolment) {
            return false;
        }
    }

    @Override
    public Optional<Totp> findTotp(String userId) {
        Item item = totps.getItem(GetItemEnhancedRequest.builder().key(MfaItems.totp(userId)).consistentRead(true).build());
        return item == null ? Optional.empty() : Optional.of(new Totp(item.str("sealedSecret"), item.num("lastUsedStep")));
    }

    @Override
    public List<StoredCode> recoveryCodes(String userId) {
        return LatchkeyTable.under(codes, Keys.userPartition(userId), MfaItems.CODE_PREFIX).stream()
                .map(i -> new StoredCode(i.str("sk").substring(MfaItems.CODE_PREFIX.length()), i.str("salt"), i.str("hash")))
                .toList();
    }

    @Override
    public boolean enable(String userId, String pendingSealedSecret, Totp totp, List<StoredCode> newCodes) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(users, mfaFlag(userId, true, "attribute_exists(pk) AND (attribute_not_exists(mfaEnabled) OR mfaEnabled = :other)"))
                .addDeleteItem(pendings, TransactDeleteItemEnhancedRequest.builder()
                        .key(MfaItems.pending(userId))
                        .conditionExpression(Expression.builder()
                                .expression("sealedSecret = :sealed")
                                .expressionValues(Map.of(":sealed", AttributeValue.fromS(pendingSealedSecret)))
                                .build())
                        .build())
                .addPutItem(totps, Keys.item(MfaItems.totp(userId), "totp")
                        .set("sealedSecret", totp.sealedSecret())
                        .set("lastUsedStep", totp.lastUsedStep())
                        .set("createdAt", Times.format(clock.instant())));
        // codes left over from an earlier enrolment (a disable racing a replacement) must not come back to life
        for (StoredCode stale : recoveryCodes(userId)) {
            transaction.addDeleteItem(codes, TransactDeleteItemEnhancedRequest.builder().key(MfaItems.code(userId, stale.id())).build());
        }
        putCodes(transaction, userId, newCodes);
        return run(transaction);
    }

    @Override
    public boolean disable(String userId, FactorUse use, List<StoredCode> current) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder()
                .addUpdateItem(users, mfaFlag(userId, false, "attribute_exists(pk) AND mfaEnabled = :other"));
        // The factor's item is deleted either way: for a TOTP use, on the same condition its spend would have had.
        transaction.addDeleteItem(totps, TransactDeleteItemEnhancedRequest.builder()
                .key(MfaItems.totp(userId))
                .conditionExpression(use.kind() == FactorUse.Kind.TOTP ? MfaItems.stepBefore(use.step()) : EXISTS)
                .build());
        if (use.kind() == FactorUse.Kind.RECOVERY_CODE) {
            MfaItems.addSpend(transaction, table, use);
        }
        deleteCodes(transaction, userId, current, use);
        transaction.addDeleteItem(pendings, TransactDeleteItemEnhancedRequest.builder().key(MfaItems.pending(userId)).build());
        return run(transaction);
    }

    @Override
    public boolean replaceRecoveryCodes(String userId, FactorUse use, List<StoredCode> old, List<StoredCode> replacement) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder();
        MfaItems.addSpend(transaction, table, use);
        deleteCodes(transaction, userId, old, use);
        putCodes(transaction, userId, replacement);
        return run(transaction);
    }

    @Override
    public boolean spend(FactorUse use) {
        TransactWriteItemsEnhancedRequest.Builder transaction = TransactWriteItemsEnhancedRequest.builder();
        MfaItems.addSpend(transaction, table, use);
        return run(transaction);
    }

    @Override
    public String name() {
        return "two-factor authentication";
    }

    @Override
    public int forget(UserRef user) {
        int forgotten = 0;
        for (StoredCode code : recoveryCodes(user.userId())) {
            if (codes.deleteItem(MfaItems.code(user.userId(), code.id())) != null) {
                forgotten++;
            }
        }
        forgotten += totps.deleteItem(MfaItems.totp(user.userId())) == null ? 0 : 1;
        forgotten += pendings.deleteItem(MfaItems.pending(user.userId())) == null ? 0 : 1;
        return forgotten;
    }

    private TransactUpdateItemEnhancedRequest<Item> mfaFlag(String userId, boolean enabled, String condition) {
        return TransactUpdateItemEnhancedRequest.builder(Item.class)
                .item(Keys.item(AccountItems.user(userId), "user").set("mfaEnabled", enabled))
                .ignoreNulls(true)
                .conditionExpression(Expression.builder()
                        .expression(condition)
                        .expressionValues(Map.of(":other", AttributeValue.fromBool(!enabled)))
                        .build())
                .build();
    }

    private void putCodes(TransactWriteItemsEnhancedRequest.Builder transaction, String userId, List<StoredCode> stored) {
        String now = Times.format(clock.instant());
        for (StoredCode code : stored) {
            transaction.addPutItem(codes, TransactPutItemEnhancedRequest.builder(Item.class)
                    .item(Keys.item(MfaItems.code(userId, code.id()), "recovery_code")
                            .set("salt", code.salt())
                            .set("hash", code.hash())
                            .set("createdAt", now))
                    .conditionExpression(Expression.builder().expression("attribute_not_exists(pk)").build())
                    .build());
        }
    }

    /** Deletes {@code stored} except the one {@code use} spends (a transaction may touch an item once). */
    private void deleteCodes(TransactWriteItemsEnhancedRequest.Builder transaction, String userId, List<StoredCode> stored,
                             FactorUse use) {
        for (StoredCode code : stored) {
            if (!code.id().equals(use.recoveryCodeId())) {
                transaction.addDeleteItem(codes, TransactDeleteItemEnhancedRequest.builder().key(MfaItems.code(userId, code.id())).build());
            }
        }
    }

    private boolean run(TransactWriteItemsEnhancedRequest.Builder transaction) {
        try {
            table.client().transactWriteItems(transaction.build());
            return true;
        } catch (TransactionCanceledException conditionFailed) {
            return false;
        }
    }
}
