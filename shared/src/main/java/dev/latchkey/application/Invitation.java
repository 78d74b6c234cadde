package dev.latchkey.application;

import java.time.Instant;

/**
 * An invitation to join an application in a role, bound to its invitee: an email address, or the account a
 * username named when the invitation was made. {@code inviteeKey} is that binding ({@code email:<normalized>},
 * {@code user:<userId>}, or {@code username:<name>} for a username no account had: nobody can accept those).
 * The token is stored only as its SHA-256. It is valid until {@code validUntil}; an expired one stays listed
 * for the owner (and can be resent) until the table's TTL removes it 30 days later. Who sent it is not stored: only
 * the owner invites, and an invitation outlives neither the application nor, as personal data, its sender.
 */
public record Invitation(
        String id,
        String applicationId,
        String inviteeKey,
        String email,
        String username,
        Role role,
        Instant createdAt,
        Instant validUntil,
        String tokenHash) {

    public static final String EMAIL = "email:";
    public static final String USER = "user:";
    public static final String UNKNOWN_USERNAME = "username:";

    public boolean expiredAt(Instant now) {
        return !now.isBefore(validUntil);
    }

    /** Whether the account {@code userId} with verified address {@code normalizedEmail} is the invitee. */
    public boolean isFor(String userId, String normalizedEmail, boolean emailVerified) {
        if (inviteeKey.equals(USER + userId)) {
            return true;
        }
        return emailVerified && normalizedEmail != null && inviteeKey.equals(EMAIL + normalizedEmail);
    }

    public Invitation withToken(String newTokenHash, Instant newValidUntil) {
        return new Invitation(id, applicationId, inviteeKey, email, username, role, createdAt, newValidUntil, newTokenHash);
    }

    @Override
    public String toString() {
        return "Invitation[id=" + id + ", applicationId=" + applicationId + "]";
    }
}
