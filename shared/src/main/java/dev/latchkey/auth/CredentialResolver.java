package dev.latchkey.auth;

import java.time.Instant;
import java.util.Optional;

/**
 * Resolves one kind of bearer token (the sessions feature for {@code lk_s_}, the API-key feature
 * for {@code lk_k_}) to the principal it stands for. {@link Authenticating} has checked the
 * token's shape and checksum and hashed it; an implementation does one read by that hash.
 */
public interface CredentialResolver {

    /** The token prefix this resolver answers for, e.g. {@link BearerToken#SESSION_PREFIX}. */
    String prefix();

    /** The live credential stored under {@code tokenHash}, as a principal; empty when there is none. */
    Optional<Principal> resolve(String tokenHash, Instant now);
}
