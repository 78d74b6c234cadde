package dev.latchkey.functions.session;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.session.ManagingSessions;
import dev.latchkey.auth.Principal;

/** POST /v1/sessions/refresh (session only) → 201 a new token for the same session; the old one stops working. */
public final class RefreshSessionHandler extends AuthenticatedHandler {
    private final ManagingSessions sessions;

    public RefreshSessionHandler() {
        this(Wiring.component());
    }

    public RefreshSessionHandler(LatchkeyComponent component) {
        super(component);
        this.sessions = component.managingSessions();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        noBody(event);
        return Responses.json(201, Views.session(sessions.refresh(principal, header(event, "authorization")).started()));
    }
}
