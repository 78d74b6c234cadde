package dev.latchkey.auth;

/**
 * The hook where MFA plugs into credential recovery: called with the user, whether the account has
 * MFA on, and whatever second factor the request carried (null when none).
 */
public interface SecondFactor {

    /** @throws dev.latchkey.error.DomainError {@code mfa_required} or {@code invalid_mfa_code} when not satisfied */
    void verify(String userId, boolean mfaEnabled, String mfaCode);
}
