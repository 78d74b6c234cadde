package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.ManagingApplications;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;

/** DELETE /v1/applications/{appId} (owner) → 204; members and invitations go in the same request. */
public final class DeleteApplicationHandler extends AuthenticatedHandler {
    private final ManagingApplications apps;

    public DeleteApplicationHandler() {
        this(Wiring.component());
    }

    public DeleteApplicationHandler(LatchkeyComponent component) {
        super(component);
        this.apps = component.managingApplications();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        noBody(event);
        apps.delete(principal, pathParameter(event, "appId"));
        return Responses.noContent();
    }
}
