package dev.latchkey.functions.auth;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.latchkey.functions.http.Json;
import dev.latchkey.functions.http.JsonObject;
import java.util.List;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import dev.latchkey.functions.http.AuthorizerContext;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.auth.Authenticating;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import dev.latchkey.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.latchkey.functions.logging.RequestLog;

/**
 * A Lambda authorizer for the platform's other HTTP APIs (payload 2.0, simple responses; template.yaml
 * exports it, README "Protect your own APIs with Latchkey's authorizer"): a valid Latchkey session
 * token or API key in {@code Authorization: Bearer} is allowed with the caller's identity as context
 * ({@link AuthorizerContext}); anything else is denied ({@code isAuthorized: false}, which API
 * Gateway answers with 403). Latchkey's own routes do not use it: their handlers authenticate in the
 * same invocation.
 */
public final class AuthorizerHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerHandler.class);

    private final Authenticating authenticating;

    public AuthorizerHandler() {
        this(Wiring.component());
    }

    public AuthorizerHandler(LatchkeyComponent component) {
        this.authenticating = component.authenticating();
    }

    /** The REQUEST authorizer event (payload 2.0) in, the simple response out, with {@link Json}. */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Object event = Json.parse(input);
        Map<String, Object> decision = RequestLog.withContext(context, () -> decide(authorization(event)));
        Json.write(decision, output);
    }

    /** {@code {isAuthorized, context?}} for an {@code Authorization} header value (null when absent). */
    public Map<String, Object> decide(String authorization) {
        Optional<Principal> principal = authenticating.authenticate(authorization);
        Map<String, Object> response = new HashMap<>();
        response.put("isAuthorized", principal.isPresent());
        principal.ifPresent(p -> response.put("context", AuthorizerContext.write(p)));
        LOG.info("authorizer: {}", principal.map(p -> "allowed " + p.credentialType().wireName()).orElse("denied"));
        return response;
    }

    private static String authorization(Object event) {
        if (!(event instanceof JsonObject json)) {
            return null;
        }
        if (json.get("headers") instanceof JsonObject headers) {
            for (String name : headers.names()) {
                if ("authorization".equalsIgnoreCase(name) && headers.get(name) instanceof String value) {
                    return value;
                }
            }
        }
        return json.get("identitySource") instanceof List<?> identity && !identity.isEmpty()
                && identity.get(0) instanceof String value ? value : null;
    }
}
