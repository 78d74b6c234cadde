package dev.latchkey.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.auth.Authenticating;
import dev.latchkey.auth.Principal;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Map;

/**
 * Base of every handler of an authenticated route. It resolves the {@code Authorization: Bearer}
 * token itself, in the same invocation (one strongly consistent read of the session or API key, one of the profile), so
 * a request is one function invocation: no Lambda authorizer runs in front of Latchkey's own routes.
 * No principal is a 401 problem, so no authenticated handler can forget to answer it.
 */
public abstract class AuthenticatedHandler extends HttpHandler {
    private final Authenticating authenticating;

    protected AuthenticatedHandler(LatchkeyComponent component) {
        this.authenticating = component.authenticating();
    }

    @Override
    protected final APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        Principal principal = authenticating.authenticate(header(event, "authorization"))
                .orElseThrow(AuthenticatedHandler::unauthenticated);
        return handle(event, principal);
    }

    protected abstract APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal);

    protected static String pathId(APIGatewayV2HTTPEvent event) {
        Map<String, String> params = event.getPathParameters();
        String id = params == null ? null : params.get("id");
        if (id == null || id.isEmpty() || id.length() > 64) {
            throw DomainError.notFound("no such resource");
        }
        return id;
    }

    /** A path parameter other than {@code id}; a missing or absurd one is a 404, as for an unknown id. */
    protected static String pathParameter(APIGatewayV2HTTPEvent event, String name) {
        Map<String, String> params = event.getPathParameters();
        String value = params == null ? null : params.get(name);
        if (value == null || value.isEmpty() || value.length() > 64) {
            throw DomainError.notFound("no such resource");
        }
        return value;
    }

    private static DomainError unauthenticated() {
        return DomainError.of(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required");
    }
}
