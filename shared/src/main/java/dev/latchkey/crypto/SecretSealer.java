package dev.latchkey.crypto;

/**
 * Seals small secrets (TOTP seeds) for storage and opens them again. The clear secret is never
 * stored: only the sealed form, a printable ASCII string that fits a DynamoDB string attribute.
 *
 * <p>A sealed value is bound to the user it was sealed for: {@link #unseal} with another user id
 * fails, so a sealed value copied to another account's item is useless there.
 *
 * <p>Implementations never log secrets and never put a secret, key material or a sealed value in an
 * exception message.
 */
public interface SecretSealer {
    /** The largest secret a sealer accepts, in bytes: KMS encrypts at most 4096 bytes per call. */
    int MAX_SECRET_BYTES = 4096;

    /**
     * @param userId the user the secret belongs to; bound to the sealed value
     * @param secret 1 to {@value #MAX_SECRET_BYTES} bytes; not modified and not retained
     * @return the sealed form: a scheme prefix and URL-safe base64, e.g. {@code kms:...} or {@code aesgcm:k1:...}
     * @throws IllegalArgumentException when the user id is blank or the secret empty or too large
     * @throws SecretSealingException   when the key service fails ({@link SecretSealingException.Kind#KEY_SERVICE_FAILED})
     */
    String seal(String userId, byte[] secret);

    /**
     * @param userId the user the secret was sealed for
     * @param sealed a value returned by {@link #seal} of a sealer of the same kind and key
     * @return the secret, in a new array the caller owns
     * @throws IllegalArgumentException when the user id is blank
     * @throws SecretSealingException   {@link SecretSealingException.Kind#REJECTED REJECTED} when the value does not
     *                                  open for this user under this key (another user, altered, malformed, another
     *                                  key or scheme); {@link SecretSealingException.Kind#KEY_SERVICE_FAILED
     *                                  KEY_SERVICE_FAILED} when the key service could not answer
     */
    byte[] unseal(String userId, String sealed);

    /** The checks every sealer makes on its arguments, before any cryptography. */
    static void checkUserId(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
    }

    /** @see #checkUserId(String) */
    static void checkSecret(byte[] secret) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("secret must not be empty");
        }
        if (secret.length > MAX_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "secret holds " + secret.length + " bytes, more than the " + MAX_SECRET_BYTES + " a sealer accepts");
        }
    }
}
