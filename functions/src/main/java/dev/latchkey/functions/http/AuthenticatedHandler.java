package dev.latchkey.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.auth.Principal;
import java.util.Map;

/**
 * Base of every handler behind the authorizer. The authorizer resolves the bearer token and never
 * denies (see AuthorizerHandler); this class answers 401 when it found no principal, so no
 * authenticated handler can forget to.
 */
public abstract class AuthenticatedHandler extends HttpHandler {

    @Override
    protected final APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        return handle(event, principal(event));
    }

    protected abstract APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal);

    static Principal principal(APIGatewayV2HTTPEvent event) {
        var requestContext = event.getRequestContext();
        var authorizer = requestContext == null ? null : requestContext.getAuthorizer();
        return AuthorizerContext.read(authorizer == null ? null : authorizer.getLambda())
                .orElseThrow(AuthenticatedHandler::unauthenticated);
    }

    protected static String pathId(APIGatewayV2HTTPEvent event) {
        Map<String, String> params = event.getPathParameters();
        String id = params == null ? null : params.get("id");
        if (id == null || id.isEmpty() || id.length() > 64) {
            throw DomainError.notFound("no such resource");
        }
        return id;
    }

    private static DomainError unauthenticated() {
        return DomainError.of(ErrorCode.UNAUTHENTICATED, "a valid bearer token is required");
    }
}
