package dev.latchkey.functions.apikey;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.apikey.ManagingApiKeys;
import dev.latchkey.auth.Principal;

/** POST /v1/me/api-keys/{id}/regenerate (session only) → 201 a new key under the same id; the old one stops working. */
public final class RegenerateApiKeyHandler extends AuthenticatedHandler {
    private static final java.util.Set<String> FIELDS = java.util.Set.of("password");
    private final ManagingApiKeys keys;

    public RegenerateApiKeyHandler() {
        this(Wiring.component());
    }

    public RegenerateApiKeyHandler(LatchkeyComponent component) {
        super(component);
        this.keys = component.managingApiKeys();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        // The body is optional: {"password": …} when the session signed in more than 15 minutes ago.
        String password = event.getBody() == null || event.getBody().isEmpty() ? null
                : body(event, FIELDS).optionalString("password", 1024);
        return Responses.json(201, Views.issuedApiKey(keys.regenerate(principal, pathId(event), password)));
    }
}
