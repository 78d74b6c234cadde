package dev.latchkey.application;

import java.time.Instant;

/** A membership with what other members may see of the user. */
public record Member(String userId, String username, String name, String email, Role role, boolean mfaEnabled, Instant joinedAt) {
}
