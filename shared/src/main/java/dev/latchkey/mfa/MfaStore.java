package dev.latchkey.mfa;

import dev.latchkey.auth.FactorUse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where a user's TOTP secret (sealed), its last used step and the recovery codes (hashed) are kept. */
public interface MfaStore {

    /** A secret handed out by enrolment and not verified yet. */
    record Pending(String sealedSecret, Instant expiresAt) {
    }

    /** The active TOTP factor: its sealed secret and the last time step a code was accepted for. */
    record Totp(String sealedSecret, long lastUsedStep) {
    }

    /** One recovery code as stored: an id, the salt and the salted hash; never the code. */
    record StoredCode(String id, String salt, String hash) {
    }

    Optional<Pending> findPending(String userId, Instant now);

    /** Stores a pending secret unless a live one exists; false when one does (a racing enrolment). */
    boolean putPending(String userId, Pending pending, Instant now);

    Optional<Totp> findTotp(String userId);

    /** The current recovery codes, read consistently. */
    List<StoredCode> recoveryCodes(String userId);

    /**
     * In one transaction: the account's MFA turned on (only if it is off), the TOTP factor stored with the step
     * just used, the pending secret deleted, and the recovery codes stored. False when MFA was on already or the
     * pending secret was replaced meanwhile.
     */
    boolean enable(String userId, String pendingSealedSecret, Totp totp, List<StoredCode> codes);

    /**
     * In one transaction: {@code use} spent, the TOTP factor and {@code codes} deleted, the account's MFA turned
     * off. False when the factor was spent by a racing request (or MFA is off already).
     */
    boolean disable(String userId, FactorUse use, List<StoredCode> codes);

    /** In one transaction: {@code use} spent, {@code old} deleted, {@code replacement} stored. False as above. */
    boolean replaceRecoveryCodes(String userId, FactorUse use, List<StoredCode> old, List<StoredCode> replacement);

    /** Spends {@code use} alone; false when a racing request spent it first. */
    boolean spend(FactorUse use);
}
