package dev.latchkey.auth;

import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Until TOTP exists no account can have MFA on; should one have it, refuse rather than let a
 * mailed link alone take the account over.
 */
@Singleton
public final class NoSecondFactorYet implements SecondFactor {

    @Inject
    public NoSecondFactorYet() {
    }

    @Override
    public void verify(String userId, boolean mfaEnabled, String mfaCode) {
        if (mfaEnabled) {
            throw DomainError.of(ErrorCode.MFA_REQUIRED, "mfaCode", "this account has two-factor authentication on");
        }
    }
}
