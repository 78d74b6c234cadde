package dev.latchkey.functions.signup;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.signup.ConfirmingSignup;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.http.ClientAddresses;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** POST /v1/signup/confirm → 201 user and session. */
public final class ConfirmSignupHandler extends HttpHandler {
    private static final Set<String> FIELDS = Set.of("token", "password");

    private final ConfirmingSignup confirming;
    private final ClientAddresses clients;

    public ConfirmSignupHandler() {
        this(Wiring.component());
    }

    public ConfirmSignupHandler(LatchkeyComponent component) {
        this.clients = new ClientAddresses(component.config());
        this.confirming = component.confirmingSignup();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        RequestBody body = body(event, FIELDS);
        return Responses.json(201, Views.signedIn(confirming.confirm(body.requiredString("token", 128),
                body.requiredString("password", 1024), clients.of(event))));
    }
}
