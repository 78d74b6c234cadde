package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.Inviting;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** POST /v1/invitations/accept {token | applicationId + invitationId} → 201 the application with the caller's new role. */
public final class AcceptInvitationHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("token", "applicationId", "invitationId");

    private final Inviting inviting;

    public AcceptInvitationHandler() {
        this(Wiring.component());
    }

    public AcceptInvitationHandler(LatchkeyComponent component) {
        super(component);
        this.inviting = component.inviting();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        return Responses.json(201, Views.application(inviting.accept(principal, reference(body(event, FIELDS)))));
    }

    private static Inviting.Reference reference(RequestBody body) {
        return Inviting.Reference.of(body.optionalString("token", 128), body.optionalString("applicationId", 64),
                body.optionalString("invitationId", 64));
    }
}
