package dev.latchkey.functions.password;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.http.ClientAddresses;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.functions.http.JsonObject;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.password.ResettingPassword;
import java.util.Set;

/** POST /v1/password-reset → 202, the same body for known and unknown emails. */
public final class RequestPasswordResetHandler extends HttpHandler {
    private static final Set<String> FIELDS = Set.of("email");
    private static final JsonObject ACCEPTED = new JsonObject().put("status", "reset_requested");

    private final ResettingPassword resetting;
    private final ClientAddresses clients;

    public RequestPasswordResetHandler() {
        this(Wiring.component());
    }

    public RequestPasswordResetHandler(LatchkeyComponent component) {
        this.clients = new ClientAddresses(component.config());
        this.resetting = component.resettingPassword();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        RequestBody body = body(event, FIELDS);
        resetting.request(body.requiredString("email", 320), clients.of(event).ip());
        return Responses.json(202, ACCEPTED);
    }
}
