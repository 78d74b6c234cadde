package dev.latchkey.email;

import java.time.Instant;

/**
 * A pending email change: the address the user asked to move to. One per user: a newer request replaces it. Only the
 * token's SHA-256 is kept.
 */
public record EmailChange(String userId, String email, String normalizedEmail, String tokenHash, Instant createdAt,
                          Instant expiresAt) {
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "EmailChange[userId=" + userId + "]";
    }
}
