package dev.latchkey.account;

import java.time.Instant;

/**
 * A signup waiting for its mail link. One per normalised email: a newer signup replaces it, so
 * the older link dies and a stranger's earlier signup cannot pre-claim the address. Only the
 * SHA-256 of the link's token is kept.
 */
public record PendingSignup(
        String normalizedEmail,
        String email,
        String tokenHash,
        String passwordHash,
        String name,
        String username,
        Instant createdAt,
        Instant expiresAt) {

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "PendingSignup[createdAt=" + createdAt + "]";
    }
}
