package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.Inviting;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.JsonObject;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** POST /v1/applications/{appId}/invitations {email | username, role} (owner) → 202 whether or not an account exists. */
public final class InviteMemberHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("email", "username", "role");

    private final Inviting inviting;

    public InviteMemberHandler() {
        this(Wiring.component());
    }

    public InviteMemberHandler(LatchkeyComponent component) {
        super(component);
        this.inviting = component.inviting();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        inviting.invite(principal, pathParameter(event, "appId"), body.optionalString("email", 320),
                body.optionalString("username", 64), body.requiredString("role", 16));
        return Responses.json(202, new JsonObject().put("status", "invitation_sent"));
    }
}
