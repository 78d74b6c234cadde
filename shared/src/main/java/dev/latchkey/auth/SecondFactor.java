package dev.latchkey.auth;

import java.util.Optional;

/**
 * Where MFA plugs into sign-in and credential recovery. {@link #check} verifies the code a request carried
 * against the account's factor (and counts a wrong one against the account's limit); the caller then spends
 * the returned {@link FactorUse} — in its own transaction (sign-in stores the session in the same one) or
 * through {@link #spend}.
 */
public interface SecondFactor {

    /**
     * Empty when the account has MFA off (codes are then ignored). Otherwise the factor to spend.
     *
     * @param mfaCode      a 6-digit TOTP code, or null
     * @param recoveryCode a recovery code, or null
     * @throws dev.latchkey.error.DomainError {@code mfa_required} when neither was given, {@code invalid_mfa_code}
     *         when the one given is wrong or already used, {@code rate_limited} after too many wrong codes
     */
    Optional<FactorUse> check(String userId, boolean mfaEnabled, String mfaCode, String recoveryCode);

    /**
     * Spends a checked factor on its own.
     *
     * @throws dev.latchkey.error.DomainError {@code invalid_mfa_code} when a racing request spent it first
     */
    void spend(FactorUse use, String ownerEmail);

    /** After a factor was spent in the caller's own transaction: the owner's notice when it was a recovery code. */
    void spent(FactorUse use, String ownerEmail);
}
