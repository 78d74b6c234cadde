package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.Inviting;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;

/** DELETE /v1/applications/{appId}/invitations/{id} (owner) → 204. */
public final class CancelInvitationHandler extends AuthenticatedHandler {
    private final Inviting inviting;

    public CancelInvitationHandler() {
        this(Wiring.component());
    }

    public CancelInvitationHandler(LatchkeyComponent component) {
        super(component);
        this.inviting = component.inviting();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        noBody(event);
        inviting.cancel(principal, pathParameter(event, "appId"), pathId(event));
        return Responses.noContent();
    }
}
