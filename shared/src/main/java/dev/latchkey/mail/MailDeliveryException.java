package dev.latchkey.mail;

import java.util.Optional;

/**
 * A mail could not be handed to the mail service. The message names the recipient and, when the
 * service answered, its error code; it never carries the mail's subject or bodies, which hold
 * one-time links.
 */
public final class MailDeliveryException extends RuntimeException {
    private final String errorCode;

    /**
     * @param message   what failed; must not contain the mail's bodies
     * @param errorCode the service's error code (e.g. {@code MessageRejected}), or null when the
     *                  service never answered
     * @param cause     the underlying failure
     */
    public MailDeliveryException(String message, String errorCode, Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    /** The mail service's error code, empty when the service was not reached. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }
}
