package dev.latchkey.mfa;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** What the profile shows of MFA besides the flag: how many recovery codes are left. Needs no secret and no key. */
@Singleton
public final class MfaStatus {
    private final MfaStore store;

    @Inject
    public MfaStatus(MfaStore store) {
        this.store = store;
    }

    /** One consistent query of the user's recovery codes (ask only when MFA is on: with it off there are none). */
    public int recoveryCodesLeft(String userId) {
        return store.recoveryCodes(userId).size();
    }
}
