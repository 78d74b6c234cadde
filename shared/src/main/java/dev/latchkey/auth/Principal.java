package dev.latchkey.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;

/**
 * Who is calling, as resolved by the authorizer from a bearer token: a user and the credential
 * used (a session or an API key, with its id). {@code signedInAt} is when the session's sign-in
 * happened (a refresh keeps it), null for an API key. {@code mfa}: the session's sign-in used a second factor
 * (always false for an API key). {@code read}: the credential as authentication read it in this request (a consistent
 * read), so an operation that needs it whole (a session's refresh) does not read it again; null when the principal
 * came from elsewhere (an authorizer's context, a test). {@code profile}: the user's profile as authentication read it
 * in this request (a consistent read: it is how a deleted account's credentials fail at once), so an operation that
 * answers or checks the profile does not read it again; null when the principal came from elsewhere. Neither takes
 * part in equality, and neither is printed.
 */
public record Principal(String userId, CredentialType credentialType, String credentialId, Instant signedInAt, boolean mfa,
                        Credential read, Profile profile) {

    /** A credential's stored record (a session), as {@link Principal#read} carries it. */
    public interface Credential {
    }

    /** The user's stored profile (the account), as {@link Principal#profile} carries it. */
    public interface Profile {
        String id();
    }

    public Principal(String userId, CredentialType credentialType, String credentialId, Instant signedInAt, boolean mfa,
                     Credential read) {
        this(userId, credentialType, credentialId, signedInAt, mfa, read, null);
    }

    public Principal(String userId, CredentialType credentialType, String credentialId, Instant signedInAt, boolean mfa) {
        this(userId, credentialType, credentialId, signedInAt, mfa, null, null);
    }

    /**
     * This principal without the profile, for reuse across requests (a test or a bench calling several operations
     * with one credential): each then reads the account as it is at that moment.
     */
    public Principal withoutProfile() {
        return new Principal(userId, credentialType, credentialId, signedInAt, mfa, read, null);
    }

    /** This principal with the profile authentication read for it (ignored unless it is this user's). */
    public Principal withProfile(Profile read) {
        return read == null || !userId.equals(read.id()) ? this
                : new Principal(userId, credentialType, credentialId, signedInAt, mfa, this.read, read);
    }

    public Principal(String userId, CredentialType credentialType, String credentialId) {
        this(userId, credentialType, credentialId, null, false);
    }

    /** A credential whose sign-in used the password alone. */
    public Principal(String userId, CredentialType credentialType, String credentialId, Instant signedInAt) {
        this(userId, credentialType, credentialId, signedInAt, false);
    }

    /** A session whose sign-in was at most {@code window} before {@code now}. */
    public boolean signedInWithin(Duration window, Instant now) {
        return isSession() && signedInAt != null && !signedInAt.isBefore(now.minus(window));
    }

    public enum CredentialType {
        SESSION("session"), API_KEY("api_key");

        private final String wireName;

        CredentialType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static CredentialType fromWire(String value) {
            for (CredentialType type : values()) {
                if (type.wireName.equals(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown credential type");
        }
    }

    public boolean isSession() {
        return credentialType == CredentialType.SESSION;
    }

    /** Credential management needs a session: API keys act for their user everywhere else. */
    public void requireSession(String what) {
        if (!isSession()) {
            throw DomainError.of(ErrorCode.SESSION_REQUIRED,
                    what + " needs a session token, not an API key");
        }
    }

    /** The session's id, or null for an API key. */
    public String sessionId() {
        return isSession() ? credentialId : null;
    }

    /** The API key's id, or null for a session. */
    public String apiKeyId() {
        return isSession() ? null : credentialId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Principal p && Objects.equals(userId, p.userId) && credentialType == p.credentialType
                && Objects.equals(credentialId, p.credentialId) && Objects.equals(signedInAt, p.signedInAt) && mfa == p.mfa;
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, credentialType, credentialId, signedInAt, mfa);
    }

    @Override
    public String toString() {
        return "Principal[userId=" + userId + ", credentialType=" + credentialType + ", credentialId=" + credentialId
                + ", signedInAt=" + signedInAt + ", mfa=" + mfa + "]";
    }
}
