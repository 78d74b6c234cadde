package dev.latchkey.functions.password;

import dev.latchkey.functions.http.ClientAddresses;
import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.password.ChangingPassword;
import dev.latchkey.auth.Principal;
import java.util.Set;

/** PUT /v1/me/password (session only) → 200 a new session for the caller; every earlier session, the calling one included, ends. */
public final class ChangePasswordHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("currentPassword", "newPassword");

    private final ChangingPassword changing;
    private final ClientAddresses clients;

    public ChangePasswordHandler() {
        this(Wiring.component());
    }

    public ChangePasswordHandler(LatchkeyComponent component) {
        super(component);
        this.clients = new ClientAddresses(component.config());
        this.changing = component.changingPassword();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        return Responses.json(200, Views.session(changing.change(principal, body.requiredString("currentPassword", 1024),
                body.requiredString("newPassword", 1024), clients.of(event))));
    }
}
