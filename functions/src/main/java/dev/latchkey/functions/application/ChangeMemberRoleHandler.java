package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.ManagingMembers;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** PATCH /v1/applications/{appId}/members/{userId} {role} (owner) → 200 the member. */
public final class ChangeMemberRoleHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("role");

    private final ManagingMembers members;

    public ChangeMemberRoleHandler() {
        this(Wiring.component());
    }

    public ChangeMemberRoleHandler(LatchkeyComponent component) {
        super(component);
        this.members = component.managingMembers();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        return Responses.json(200, Views.member(members.changeRole(principal, pathParameter(event, "appId"),
                pathParameter(event, "userId"), body.requiredString("role", 16))));
    }
}
