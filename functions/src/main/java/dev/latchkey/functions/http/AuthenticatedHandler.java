package dev.latchkey.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.session.Principal;
import java.time.Instant;
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
        Map<String, Object> lambda = authorizer == null ? null : authorizer.getLambda();
        if (lambda == null) {
            throw unauthenticated();
        }
        Object userId = lambda.get("userId");
        Object type = lambda.get("credentialType");
        if (!(userId instanceof String id) || id.isEmpty() || !(type instanceof String credentialType)) {
            throw unauthenticated();
        }
        Principal.CredentialType parsed;
        try {
            parsed = Principal.CredentialType.fromWire(credentialType);
        } catch (IllegalArgumentException e) {
            throw unauthenticated();
        }
        Object credentialId = lambda.get(parsed == Principal.CredentialType.SESSION ? "sessionId" : "apiKeyId");
        if (!(credentialId instanceof String credential) || credential.isEmpty()) {
            throw unauthenticated();
        }
        Instant signedInAt = null;
        if (lambda.get("signedInAt") instanceof String at) {
            try {
                signedInAt = Instant.parse(at);
            } catch (java.time.format.DateTimeParseException e) {
                throw unauthenticated();
            }
        }
        return new Principal(id, parsed, credential, signedInAt);
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
