package dev.latchkey.functions.apikey;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.apikey.ManagingApiKeys;
import dev.latchkey.auth.Principal;

/** DELETE /v1/me/api-keys/{id} → 204; the key stops working at once. */
public final class DeleteApiKeyHandler extends AuthenticatedHandler {
    private final ManagingApiKeys keys;

    public DeleteApiKeyHandler() {
        this(Wiring.component());
    }

    public DeleteApiKeyHandler(LatchkeyComponent component) {
        super(component);
        this.keys = component.managingApiKeys();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        noBody(event);
        keys.revoke(principal, pathId(event));
        return Responses.noContent();
    }
}
