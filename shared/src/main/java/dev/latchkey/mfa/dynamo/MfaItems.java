package dev.latchkey.mfa.dynamo;

import dev.latchkey.auth.FactorUse;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.Transaction;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The MFA items under a user, and the conditional write that spends a factor — which sign-in adds to the
 * transaction that stores the session, so a code is used exactly once even when two sign-ins race.
 */
public final class MfaItems {
    static final String PENDING_SK = "MFA#PENDING";
    static final String TOTP_SK = "MFA#TOTP";
    static final String CODE_PREFIX = "MFACODE#";
    /** What the factor's and the pending enrolment's sort keys start with. */
    static final String MFA_PREFIX = "MFA#";

    private MfaItems() {
    }

    /** USER#{id} / MFA#PENDING, type {@code mfa_pending}: a sealed secret awaiting its first code (sealedSecret, createdAt: S; expiresAt, the table's TTL attribute: N). */
    static Key pending(String userId) {
        return Keys.key(Keys.userPartition(userId), PENDING_SK);
    }

    /** USER#{id} / MFA#TOTP, type {@code totp}: the sealed secret and the last time step a code was accepted for (sealedSecret, createdAt: S; lastUsedStep: N). */
    static Key totp(String userId) {
        return Keys.key(Keys.userPartition(userId), TOTP_SK);
    }

    /** USER#{id} / MFACODE#{codeId}, type {@code recovery_code}: one recovery code as a salt and a salted hash (salt, hash, createdAt: S). */
    static Key code(String userId, String codeId) {
        return Keys.key(Keys.userPartition(userId), CODE_PREFIX + codeId);
    }

    /**
     * Adds the write that spends {@code use} to a transaction: for TOTP the factor's last used step moves to the
     * code's step only if it is earlier (a replayed or racing code fails the condition); for a recovery code the
     * code's item is deleted only if it is still there with the hash that matched.
     */
    public static void addSpend(Transaction transaction, FactorUse use) {
        switch (use.kind()) {
            case TOTP -> transaction.update(Keys.item(totp(use.userId()), "totp").set("lastUsedStep", use.step()), stepBefore(use.step()));
            case RECOVERY_CODE -> transaction.delete(code(use.userId(), use.recoveryCodeId()), unspent(use.recoveryCodeHash()));
        }
    }

    /** How many writes {@link #addSpend} adds: callers that read cancellation reasons by position need it. */
    public static int spendWrites() {
        return 1;
    }

    static Condition stepBefore(long step) {
        return Condition.of("attribute_exists(pk) AND lastUsedStep < :step", Map.of(":step", AttributeValue.fromN(Long.toString(step))));
    }

    static Condition unspent(String hash) {
        return new Condition("attribute_exists(pk) AND #hash = :hash", Map.of("#hash", "hash"), Map.of(":hash", AttributeValue.fromS(hash)));
    }
}
