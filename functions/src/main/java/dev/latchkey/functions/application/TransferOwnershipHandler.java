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

/** POST /v1/applications/{appId}/owner {userId, mfaCode?, recoveryCode?} (owner, session) → 200 the application as the caller now sees it. */
public final class TransferOwnershipHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("userId", "mfaCode", "recoveryCode");

    private final ManagingApplications apps;

    public TransferOwnershipHandler() {
        this(Wiring.component());
    }

    public TransferOwnershipHandler(LatchkeyComponent component) {
        super(component);
        this.apps = component.managingApplications();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        return Responses.json(200, Views.application(apps.transferOwnership(principal, pathParameter(event, "appId"),
                body.requiredString("userId", 64), body.optionalString("mfaCode", 16), body.optionalString("recoveryCode", 64))));
    }
}
