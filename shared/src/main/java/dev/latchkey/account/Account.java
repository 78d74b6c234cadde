package dev.latchkey.account;

import java.time.Instant;

/** A user. {@code passwordHash} is a PHC string; it never leaves the domain. */
public record Account(
        String id,
        String email,
        String normalizedEmail,
        boolean emailVerified,
        String name,
        String username,
        boolean mfaEnabled,
        Instant createdAt,
        String passwordHash) {

    @Override
    public String toString() {
        return "Account[id=" + id + "]";
    }
}
