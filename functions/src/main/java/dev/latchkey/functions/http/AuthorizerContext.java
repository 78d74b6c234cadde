package dev.latchkey.functions.http;

import dev.latchkey.auth.Principal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Lambda authorizer's context, written by {@code AuthorizerHandler} and read back by every
 * {@link AuthenticatedHandler}: the one place that knows its keys.
 */
public final class AuthorizerContext {
    static final String USER_ID = "userId";
    static final String CREDENTIAL_TYPE = "credentialType";
    static final String SESSION_ID = "sessionId";
    static final String API_KEY_ID = "apiKeyId";
    static final String SIGNED_IN_AT = "signedInAt";
    static final String NONE = "none";

    private AuthorizerContext() {
    }

    /** The context for a resolved principal, or {@code {credentialType: "none"}} for nobody. */
    public static Map<String, Object> write(Optional<Principal> principal) {
        Map<String, Object> context = new HashMap<>();
        principal.ifPresentOrElse(p -> {
            context.put(USER_ID, p.userId());
            context.put(CREDENTIAL_TYPE, p.credentialType().wireName());
            context.put(p.isSession() ? SESSION_ID : API_KEY_ID, p.credentialId());
            if (p.signedInAt() != null) {
                context.put(SIGNED_IN_AT, p.signedInAt().toString());
            }
        }, () -> context.put(CREDENTIAL_TYPE, NONE));
        return context;
    }

    /** The principal the context names; empty for none, a missing context or anything malformed. */
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
        return Optional.of(new Principal(id, parsed, credential, signedInAt));
    }
}
