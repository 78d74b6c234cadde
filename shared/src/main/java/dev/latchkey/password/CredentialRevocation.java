package dev.latchkey.password;

/**
 * What a password reset may revoke besides sessions, without the password feature depending on
 * the API-key feature (the key store implements it).
 */
public interface CredentialRevocation {

    /** Revokes every API key of the user, found with a strongly consistent read. Returns how many. */
    int revokeApiKeys(String userId);
}
