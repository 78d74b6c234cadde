package dev.latchkey.functions.http;

import dev.latchkey.auth.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The context {@code AuthorizerHandler} passes to the routes it allows, as
 * {@code $context.authorizer.<key>} (README: "Protect your own APIs with Latchkey's authorizer"):
 * {@code userId}, {@code credentialType} ({@code session} or {@code api_key}), {@code sessionId} or
 * {@code apiKeyId}, {@code signedInAt} for a session, and {@code mfa} (true when the session's sign-in used a second
 * factor; false for API keys). The one place that knows its keys: the
 * authorizer writes them, {@link #read} is the codec for Java consumers and tests.
 */
public final class AuthorizerContext {
    static final String USER_ID = "userId";
    static final String CREDENTIAL_TYPE = "credentialType";
    static final String SESSION_ID = "sessionId";
    static final String API_KEY_ID = "apiKeyId";
    static final String SIGNED_IN_AT = "signedInAt";
    static final String MFA = "mfa";

    private AuthorizerContext() {
    }

    /** The context for a resolved principal. */
    public static Map<String, Object> write(Principal p) {
        Map<String, Object> context = new HashMap<>();
        context.put(USER_ID, p.userId());
        context.put(CREDENTIAL_TYPE, p.credentialType().wireName());
        context.put(p.isSession() ? SESSION_ID : API_KEY_ID, p.credentialId());
        if (p.signedInAt() != null) {
            context.put(SIGNED_IN_AT, p.signedInAt().toString());
        }
        context.put(MFA, p.mfa());
        return context;
    }

    /** The principal the context names; empty for a missing context or anything malformed. */
    public static Optional<Principal> read(Map<String, Object> context) {
        if (context == null
                || !(context.get(USER_ID) instanceof String id) || id.isEmpty()
                || !(context.get(CREDENTIAL_TYPE) instanceof String type)) {
            return Optional.empty();
        }
        Principal.CredentialType parsed;
        try {
            parsed = Principal.CredentialType.fromWire(type);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!(context.get(parsed == Principal.CredentialType.SESSION ? SESSION_ID : API_KEY_ID) instanceof String credential)
                || credential.isEmpty()) {
            return Optional.empty();
        }
        Instant signedInAt = null;
        if (context.get(SIGNED_IN_AT) instanceof String at) {
            try {
                signedInAt = Instant.parse(at);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        boolean mfa = context.get(MFA) instanceof Boolean flag ? flag : "true".equals(context.get(MFA));
        return Optional.of(new Principal(id, parsed, credential, signedInAt, mfa));
    }
}
