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

/** POST /v1/applications → 201 the application; the caller is its owner. */
public final class CreateApplicationHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("name");

    private final ManagingApplications apps;

    public CreateApplicationHandler() {
        this(Wiring.component());
    }

    public CreateApplicationHandler(LatchkeyComponent component) {
        super(component);
        this.apps = component.managingApplications();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        return Responses.json(201, Views.application(apps.create(principal, body.requiredString("name", 400))));
    }
}
