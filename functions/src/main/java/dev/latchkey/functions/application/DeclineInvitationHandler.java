package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.Inviting;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** POST /v1/invitations/decline {token | applicationId + invitationId} → 204. */
public final class DeclineInvitationHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("token", "applicationId", "invitationId");

    private final Inviting inviting;

    public DeclineInvitationHandler() {
        this(Wiring.component());
    }

    public DeclineInvitationHandler(LatchkeyComponent component) {
        super(component);
        this.inviting = component.inviting();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        inviting.decline(principal, reference(body(event, FIELDS)));
        return Responses.noContent();
    }

    private static Inviting.Reference reference(RequestBody body) {
        return Inviting.Reference.of(body.optionalString("token", 128), body.optionalString("applicationId", 64),
                body.optionalString("invitationId", 64));
    }
}
