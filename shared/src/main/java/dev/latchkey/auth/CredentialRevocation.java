package dev.latchkey.auth;

/**
 * How password change and reset end a user's credentials without knowing the features that keep
 * them: the sessions feature and the API-key feature each contribute one (a Dagger set), and
 * {@link CredentialRevocations} picks them by type.
 */
public interface CredentialRevocation {

    Principal.CredentialType type();

    /**
     * Ends every credential of this type the user holds from a credential epoch before
     * {@code epoch} (the caller has just moved the user to {@code epoch}), found with strongly
     * consistent reads; credentials that carry no epoch (API keys) all end. Returns how many ended;
     * throws rather than return with one of them alive.
     */
    int revokeAllBefore(String userId, long epoch);

    /**
     * Ends every credential of this type the user holds but {@code keepCredentialId}, whatever its epoch (an email
     * change keeps the caller's session). Returns how many ended; throws rather than return with one of them alive.
     * Only the session type has it.
     */
    default int revokeAllExcept(String userId, String keepCredentialId) {
        throw new UnsupportedOperationException("revoking all but one is not supported for " + type());
    }
}
