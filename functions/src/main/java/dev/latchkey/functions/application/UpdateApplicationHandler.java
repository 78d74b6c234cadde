package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.ManagingApplications;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** PATCH /v1/applications/{appId} {name?, mfaRequiredRoles?} → 200 the application. */
public final class UpdateApplicationHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("name", "mfaRequiredRoles");

    private final ManagingApplications apps;

    public UpdateApplicationHandler() {
        this(Wiring.component());
    }

    public UpdateApplicationHandler(LatchkeyComponent component) {
        super(component);
        this.apps = component.managingApplications();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        return Responses.json(200, Views.application(apps.update(principal, pathParameter(event, "appId"),
                body.optionalString("name", 400), body.optionalStringList("mfaRequiredRoles", 4, 16))));
    }
}
