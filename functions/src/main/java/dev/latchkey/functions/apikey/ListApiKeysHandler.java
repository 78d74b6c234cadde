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

/** GET /v1/me/api-keys → 200 the caller's keys, without secrets. */
public final class ListApiKeysHandler extends AuthenticatedHandler {
    private final ManagingApiKeys keys;

    public ListApiKeysHandler() {
        this(Wiring.component());
    }

    public ListApiKeysHandler(LatchkeyComponent component) {
        super(component);
        this.keys = component.managingApiKeys();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        return Responses.json(200, Views.apiKeys(keys.list(principal)));
    }
}
