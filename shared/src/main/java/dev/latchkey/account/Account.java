package dev.latchkey.account;

import dev.latchkey.auth.Principal;
import java.time.Instant;

/**
 * A user. {@code passwordHash} is a PHC string; it never leaves the domain. {@code credentialEpoch}
 * counts password changes and resets: sessions remember the epoch they were made in.
 */
public record Account(
        String id,
        String email,
        String normalizedEmail,
        boolean emailVerified,
        String name,
        String username,
        boolean mfaEnabled,
        Instant createdAt,
        String passwordHash,
        long credentialEpoch) implements Principal.Profile {

    @Override
    public String toString() {
        return "Account[id=" + id + "]";
    }
}
