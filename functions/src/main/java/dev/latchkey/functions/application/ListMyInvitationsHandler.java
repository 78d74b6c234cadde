package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.Inviting;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;

/** GET /v1/me/invitations → 200 pending invitations for the caller's account or verified address. */
public final class ListMyInvitationsHandler extends AuthenticatedHandler {
    private final Inviting inviting;

    public ListMyInvitationsHandler() {
        this(Wiring.component());
    }

    public ListMyInvitationsHandler(LatchkeyComponent component) {
        super(component);
        this.inviting = component.inviting();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        return Responses.json(200, Views.receivedInvitations(inviting.mine(principal)));
    }
}
