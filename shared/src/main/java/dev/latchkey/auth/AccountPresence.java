package dev.latchkey.auth;

/**
 * Whether a user's profile exists. Authentication asks after resolving a credential, so every session and API
 * key of a deleted account fails at its next request, before the stream-triggered clean-up has removed them.
 */
public interface AccountPresence {

    /** Strongly consistent. */
    boolean exists(String userId);
}
