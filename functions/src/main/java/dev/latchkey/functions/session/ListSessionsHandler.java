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

/** GET /v1/sessions → 200 the caller's live sessions, the calling one marked current. */
public final class ListSessionsHandler extends AuthenticatedHandler {
    private final ManagingSessions sessions;

    public ListSessionsHandler() {
        this(Wiring.component());
    }

    public ListSessionsHandler(LatchkeyComponent component) {
        super(component);
        this.sessions = component.managingSessions();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        return Responses.json(200, Views.sessions(sessions.list(principal), principal.sessionId()));
    }
}
