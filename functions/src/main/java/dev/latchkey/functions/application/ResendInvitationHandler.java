package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.Inviting;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.JsonObject;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;

/** POST /v1/applications/{appId}/invitations/{id}/resend (owner) → 202; a new token, the old one stops working. */
public final class ResendInvitationHandler extends AuthenticatedHandler {
    private final Inviting inviting;

    public ResendInvitationHandler() {
        this(Wiring.component());
    }

    public ResendInvitationHandler(LatchkeyComponent component) {
        super(component);
        this.inviting = component.inviting();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        noBody(event);
        inviting.resend(principal, pathParameter(event, "appId"), pathId(event));
        return Responses.json(202, new JsonObject().put("status", "invitation_sent"));
    }
}
