package dev.latchkey.auth;

import java.util.Optional;

/**
 * A user's profile, if it exists. Authentication reads it after resolving a credential, so every session and API
 * key of a deleted account fails at its next request, before the stream-triggered clean-up has removed them; the
 * profile read goes on in {@link Principal#profile}, so the operation does not read it again.
 */
public interface AccountPresence {

    /** Strongly consistent. */
    Optional<Principal.Profile> find(String userId);
}
