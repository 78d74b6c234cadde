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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.latchkey.functions.logging.RequestLog;

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses). It resolves the bearer token
 * to a principal and passes it on as context; it never answers {@code isAuthorized: false},
 * because API Gateway turns that into {@code 403 Forbidden}, which clients read as "not allowed"
 * rather than "sign in again". A request without a valid token reaches its handler with
 * {@code credentialType: none} and gets a 401 problem from {@code AuthenticatedHandler}.
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
        return RequestLog.withContext(context, () -> {
            Map<String, Object> ctx = AuthorizerContext.write(authenticating.authenticate(authorization(event)));
            LOG.info("authorizer: credential {}", ctx.get("credentialType"));
            Map<String, Object> response = new HashMap<>();
            response.put("isAuthorized", true);
            response.put("context", ctx);
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
