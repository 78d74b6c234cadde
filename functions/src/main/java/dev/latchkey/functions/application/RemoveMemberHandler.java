package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.ManagingMembers;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;

/** DELETE /v1/applications/{appId}/members/{userId} → 204: the owner removes a member, or a member leaves. */
public final class RemoveMemberHandler extends AuthenticatedHandler {
    private final ManagingMembers members;

    public RemoveMemberHandler() {
        this(Wiring.component());
    }

    public RemoveMemberHandler(LatchkeyComponent component) {
        super(component);
        this.members = component.managingMembers();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        noBody(event);
        members.remove(principal, pathParameter(event, "appId"), pathParameter(event, "userId"));
        return Responses.noContent();
    }
}
