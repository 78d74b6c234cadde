package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.ManagingApplications;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;

/** GET /v1/applications/{appId} → 200 with the caller's role and permissions; 404 for non-members. */
public final class GetApplicationHandler extends AuthenticatedHandler {
    private final ManagingApplications apps;

    public GetApplicationHandler() {
        this(Wiring.component());
    }

    public GetApplicationHandler(LatchkeyComponent component) {
        super(component);
        this.apps = component.managingApplications();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        return Responses.json(200, Views.application(apps.get(principal, pathParameter(event, "appId"))));
    }
}
