package dev.latchkey.session;

import java.time.Instant;
import java.util.Optional;

/**
 * Port for device tokens: proof that a client signed in to an account before (OWASP's "device
 * cookie"). Stored only as the SHA-256 of the token.
 */
public interface DeviceStore {

    /** The account the device token was issued for, while it has not expired. Eventually consistent is enough. */
    Optional<String> userIdOf(String tokenHash, Instant now);

    void save(String tokenHash, String userId, Instant createdAt, Instant expiresAt);
}
