package dev.latchkey.password;

import dev.latchkey.account.Account;

/**
 * The hook where MFA plugs into credential recovery: called with the account and whatever second
 * factor the request carried (null when none).
 */
public interface SecondFactor {

    /** @throws dev.latchkey.error.DomainError {@code mfa_required} or {@code invalid_mfa_code} when not satisfied */
    void verify(Account account, String mfaCode);
}
