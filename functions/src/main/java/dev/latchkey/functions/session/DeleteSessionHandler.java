package dev.latchkey.functions.session;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.session.ManagingSessions;
import dev.latchkey.auth.Principal;

/** DELETE /v1/sessions/{id} → 204; ending the current session logs out; another user's session is 404. */
public final class DeleteSessionHandler extends AuthenticatedHandler {
    private final ManagingSessions sessions;

    public DeleteSessionHandler() {
        this(Wiring.component());
    }

    public DeleteSessionHandler(LatchkeyComponent component) {
        super(component);
        this.sessions = component.managingSessions();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        noBody(event);
        sessions.end(principal, pathId(event));
        return Responses.noContent();
    }
}
