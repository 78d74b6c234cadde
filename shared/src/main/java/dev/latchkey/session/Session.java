package dev.latchkey.session;

import java.time.Instant;

/** A signed-in browser or client. Stored under the SHA-256 of its token; the token itself is never stored. */
public record Session(
        String id,
        String tokenHash,
        String userId,
        Instant createdAt,
        Instant lastSeenAt,
        Instant expiresAt,
        String ip,
        String userAgent) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
