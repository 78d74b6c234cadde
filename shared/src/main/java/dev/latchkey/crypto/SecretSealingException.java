package dev.latchkey.crypto;

import java.util.Objects;

/**
 * A secret could not be sealed or unsealed. The message names what failed and, when a key service
 * answered, its error code; it never carries the secret, key material or the sealed value.
 */
public final class SecretSealingException extends IllegalStateException {
    /** Why it failed: decides whether trying again can help. */
    public enum Kind {
        /**
         * The sealed value does not open for this user under this key: sealed for another user, altered,
         * truncated, malformed, or sealed under another key or scheme. Trying again gives the same answer.
         */
        REJECTED,
        /**
         * The key service failed or refused the call (unreachable, throttled, access denied, key disabled):
         * the sealed value may well be sound.
         */
        KEY_SERVICE_FAILED
    }

    private final Kind kind;

    /**
     * @param kind    why it failed
     * @param message what failed; must not contain a secret, key material or a sealed value
     * @param cause   the underlying failure, or null
     */
    public SecretSealingException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }
}
