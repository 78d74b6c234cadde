package dev.latchkey.mfa.dynamo;

import dev.latchkey.auth.FactorUse;
import dev.latchkey.store.Item;
import dev.latchkey.store.ItemSchema;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The MFA items under a user, and the conditional write that spends a factor — which sign-in adds to the
 * transaction that stores the session, so a code is used exactly once even when two sign-ins race.
 */
public final class MfaItems {
    static final String PENDING_SK = "MFA#PENDING";
    static final String TOTP_SK = "MFA#TOTP";
    static final String CODE_PREFIX = "MFACODE#";

    /** USER#{id} / MFA#PENDING: a sealed secret awaiting its first code; expiresAt is the table's TTL attribute. */
    static final StaticTableSchema<Item> PENDING = ItemSchema.keyed().strings("sealedSecret", "createdAt").numbers("expiresAt").build();
    /** USER#{id} / MFA#TOTP: the sealed secret and the last time step a code was accepted for. */
    static final StaticTableSchema<Item> TOTP = ItemSchema.keyed().strings("sealedSecret", "createdAt").numbers("lastUsedStep").build();
    /** USER#{id} / MFACODE#{codeId}: one recovery code as a salt and a salted hash. */
    static final StaticTableSchema<Item> CODE = ItemSchema.keyed().strings("salt", "hash", "createdAt").build();

    private MfaItems() {
    }

    static Key pending(String userId) {
        return Keys.key(Keys.userPartition(userId), PENDING_SK);
    }

    static Key totp(String userId) {
        return Keys.key(Keys.userPartition(userId), TOTP_SK);
    }

    static Key code(String userId, String codeId) {
        return Keys.key(Keys.userPartition(userId), CODE_PREFIX + codeId);
    }

    /**
     * Adds the write that spends {@code use} to a transaction: for TOTP the factor's last used step moves to the
     * code's step only if it is earlier (a replayed or racing code fails the condition); for a recovery code the
     * code's item is deleted only if it is still there with the hash that matched.
     */
    public static void addSpend(TransactWriteItemsEnhancedRequest.Builder transaction, LatchkeyTable table, FactorUse use) {
        switch (use.kind()) {
            case TOTP -> transaction.addUpdateItem(table.view(TOTP), TransactUpdateItemEnhancedRequest.builder(Item.class)
                    .item(Keys.item(totp(use.userId()), "totp").set("lastUsedStep", use.step()))
                    .ignoreNulls(true)
                    .conditionExpression(stepBefore(use.step()))
                    .build());
            case RECOVERY_CODE -> transaction.addDeleteItem(table.view(CODE), TransactDeleteItemEnhancedRequest.builder()
                    .key(code(use.userId(), use.recoveryCodeId()))
                    .conditionExpression(unspent(use.recoveryCodeHash()))
                    .build());
        }
    }

    /** How many writes {@link #addSpend} adds: callers that read cancellation reasons by position need it. */
    public static int spendWrites() {
        return 1;
    }

    static Expression stepBefore(long step) {
        return Expression.builder()
                .expression("attribute_exists(pk) AND lastUsedStep < :step")
                .expressionValues(Map.of(":step", AttributeValue.fromN(Long.toString(step))))
                .build();
    }

    static Expression unspent(String hash) {
        return Expression.builder()
                .expression("attribute_exists(pk) AND #hash = :hash")
                .expressionNames(Map.of("#hash", "hash"))
                .expressionValues(Map.of(":hash", AttributeValue.fromS(hash)))
                .build();
    }

    static DynamoDbTable<Item> codes(LatchkeyTable table) {
        return table.view(CODE);
    }
}
