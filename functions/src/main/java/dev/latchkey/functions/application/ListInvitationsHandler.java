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
import java.time.Clock;

/** GET /v1/applications/{appId}/invitations (owner) → 200 pending and expired invitations. */
public final class ListInvitationsHandler extends AuthenticatedHandler {
    private final Inviting inviting;
    private final Clock clock;

    public ListInvitationsHandler() {
        this(Wiring.component());
    }

    public ListInvitationsHandler(LatchkeyComponent component) {
        super(component);
        this.inviting = component.inviting();
        this.clock = component.clock();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        return Responses.json(200, Views.invitations(inviting.list(principal, pathParameter(event, "appId")), clock.instant()));
    }
}
