package dev.latchkey.functions.auth;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import dev.latchkey.functions.http.AuthorizerContext;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.auth.Authenticating;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.latchkey.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * A Lambda authorizer for the platform's other HTTP APIs (payload 2.0, simple responses; template.yaml
 * exports it, README "Protect your own APIs with Latchkey's authorizer"): a valid Latchkey session
 * token or API key in {@code Authorization: Bearer} is allowed with the caller's identity as context
 * ({@link AuthorizerContext}); anything else is denied ({@code isAuthorized: false}, which API
 * Gateway answers with 403). Latchkey's own routes do not use it: their handlers authenticate in the
 * same invocation.
 */
public final class AuthorizerHandler implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, Map<String, Object>> {
    private static final Logger LOG = LoggerFactory.getLogger(AuthorizerHandler.class);

    private final Authenticating authenticating;

    public AuthorizerHandler() {
        this(Wiring.component());
    }

    public AuthorizerHandler(LatchkeyComponent component) {
        this.authenticating = component.authenticating();
    }

    @Override
    public Map<String, Object> handleRequest(APIGatewayV2CustomAuthorizerEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            Optional<Principal> principal = authenticating.authenticate(authorization(event));
            Map<String, Object> response = new HashMap<>();
            response.put("isAuthorized", principal.isPresent());
            principal.ifPresent(p -> response.put("context", AuthorizerContext.write(p)));
            LOG.info("authorizer: {}", principal.map(p -> "allowed " + p.credentialType().wireName()).orElse("denied"));
            return response;
        });
    }

    private static String authorization(APIGatewayV2CustomAuthorizerEvent event) {
        Map<String, String> headers = event.getHeaders();
        if (headers != null) {
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if ("authorization".equalsIgnoreCase(header.getKey())) {
                    return header.getValue();
                }
            }
        }
        List<String> identity = event.getIdentitySource();
        return identity == null || identity.isEmpty() ? null : identity.getFirst();
    }
}
