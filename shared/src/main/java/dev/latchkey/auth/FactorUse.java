package dev.latchkey.auth;

/**
 * A second factor that was checked and is about to be spent: a TOTP time step, which is marked used (a code
 * is accepted only for a later step), or one recovery code, which is deleted. The spending write is
 * conditional, so of two requests presenting the same code exactly one goes through; in a sign-in it is part
 * of the transaction that stores the session.
 *
 * @param step           the TOTP time step (epoch seconds / 30); 0 for a recovery code
 * @param recoveryCodeId the spent recovery code's item id; null for TOTP
 * @param recoveryCodeHash the stored hash the code matched, so the delete is conditioned on it; null for TOTP
 * @param recoveryCodesLeft how many recovery codes remain once this one is spent (for the owner's notice); 0 for TOTP
 */
public record FactorUse(String userId, Kind kind, long step, String recoveryCodeId, String recoveryCodeHash, int recoveryCodesLeft) {

    public static FactorUse totp(String userId, long step) {
        return new FactorUse(userId, Kind.TOTP, step, null, null, 0);
    }

    public static FactorUse recoveryCode(String userId, String codeId, String codeHash, int leftAfterThis) {
        return new FactorUse(userId, Kind.RECOVERY_CODE, 0, codeId, codeHash, leftAfterThis);
    }

    /** How a session was authenticated, as RFC 8176 names methods: {@code pwd}, {@code otp}. */
    public enum Kind {
        TOTP("otp"), RECOVERY_CODE("recovery");

        private final String amr;

        Kind(String amr) {
            this.amr = amr;
        }

        public String amr() {
            return amr;
        }
    }
}
