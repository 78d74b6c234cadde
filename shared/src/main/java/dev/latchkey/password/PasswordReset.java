package dev.latchkey.password;

import java.time.Instant;

/** A pending password reset. One per user: a newer request replaces it. Only the token's SHA-256 is kept. */
public record PasswordReset(String userId, String tokenHash, Instant createdAt, Instant expiresAt) {
    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
