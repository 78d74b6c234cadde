package dev.latchkey.apikey;

import java.time.Instant;

/**
 * A named API key. Stored under the SHA-256 of the key; the key itself is shown once and never
 * stored. {@code expiresAt} is null for a key that does not expire.
 */
public record ApiKey(
        String id,
        String tokenHash,
        String userId,
        String name,
        String description,
        Instant createdAt,
        Instant lastUsedAt,
        Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
