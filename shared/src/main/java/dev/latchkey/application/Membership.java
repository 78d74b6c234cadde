package dev.latchkey.application;

import java.time.Instant;

/** A user's role in an application. */
public record Membership(String applicationId, String userId, Role role, Instant joinedAt) {
}
