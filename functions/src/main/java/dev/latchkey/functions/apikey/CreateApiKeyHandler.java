package dev.latchkey.functions.apikey;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.apikey.ManagingApiKeys;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.auth.Principal;
import java.util.Set;

/** POST /v1/me/api-keys (session only) → 201 with the key, shown this once. */
public final class CreateApiKeyHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("name", "description", "expiresInDays", "password");

    private final ManagingApiKeys keys;

    public CreateApiKeyHandler() {
        this(Wiring.component());
    }

    public CreateApiKeyHandler(LatchkeyComponent component) {
        super(component);
        this.keys = component.managingApiKeys();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        return Responses.json(201, Views.issuedApiKey(keys.create(principal, body.requiredString("name", 256),
                body.optionalString("description", 1024), body.optionalDays("expiresInDays"), body.optionalString("password", 1024))));
    }
}
