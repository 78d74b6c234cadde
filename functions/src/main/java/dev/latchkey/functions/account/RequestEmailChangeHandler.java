package dev.latchkey.functions.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.auth.Principal;
import dev.latchkey.email.ChangingEmail;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.JsonObject;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** POST /v1/me/email {email, password} (session only) → 202, the same body whether or not the new address is taken. */
public final class RequestEmailChangeHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("email", "password");
    private static final JsonObject ACCEPTED = new JsonObject().put("status", "verification_sent");

    private final ChangingEmail changing;

    public RequestEmailChangeHandler() {
        this(Wiring.component());
    }

    public RequestEmailChangeHandler(LatchkeyComponent component) {
        super(component);
        this.changing = component.changingEmail();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        changing.request(principal, body.requiredString("email", 320), body.requiredString("password", 1024));
        return Responses.json(202, ACCEPTED);
    }
}
