package dev.latchkey.signup;

import java.time.Instant;

/**
 * A signup waiting for its mail link. One per normalised email: a newer signup replaces it, so
 * the older link dies. It holds no password: the password is chosen when the link is used, by
 * whoever holds it, so nobody can pre-set the password of an address they do not own. Only the
 * SHA-256 of the link's token is kept.
 */
public record PendingSignup(
        String normalizedEmail,
        String email,
        String tokenHash,
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
