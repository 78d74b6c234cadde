package dev.latchkey.functions.signup;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.signup.SignupCommand;
import dev.latchkey.signup.SigningUp;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.http.ClientAddresses;
import dev.latchkey.functions.http.JsonObject;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** POST /v1/signup → 202, the same body whether or not the email already has an account. */
public final class SignupHandler extends HttpHandler {
    private static final Set<String> FIELDS = Set.of("email", "name", "username");
    private static final JsonObject ACCEPTED = new JsonObject().put("status", "verification_sent");

    private final SigningUp signingUp;
    private final ClientAddresses clients;

    public SignupHandler() {
        this(Wiring.component());
    }

    public SignupHandler(LatchkeyComponent component) {
        this.clients = new ClientAddresses(component.config());
        this.signingUp = component.signingUp();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        RequestBody body = body(event, FIELDS);
        signingUp.signUp(new SignupCommand(
                body.requiredString("email", 320),
                body.optionalString("name", 400),
                body.optionalString("username", 64)), clients.of(event).ip());
        return Responses.json(202, ACCEPTED);
    }
}
