package dev.latchkey.session;

import java.time.Instant;

/**
 * Port for device tokens: proof that a client signed in to an account before (OWASP's "device
 * cookie"). Stored only as the SHA-256 of the token, under its user.
 */
public interface DeviceStore {

    /** Whether the device token was issued for {@code userId} and has not expired. Eventually consistent is enough. */
    boolean isKnown(String userId, String tokenHash, Instant now);

    void save(String tokenHash, String userId, Instant createdAt, Instant expiresAt);
}
