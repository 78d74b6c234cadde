package dev.latchkey.functions.application;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.application.ManagingMembers;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Arrays;
import java.util.List;

/** GET /v1/applications/{appId}/members[?mfaRequiredRoles=a,b] → 200 the members (and what that requirement would block). */
public final class ListMembersHandler extends AuthenticatedHandler {
    private final ManagingMembers members;

    public ListMembersHandler() {
        this(Wiring.component());
    }

    public ListMembersHandler(LatchkeyComponent component) {
        super(component);
        this.members = component.managingMembers();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        return Responses.json(200, Views.members(members.list(principal, pathParameter(event, "appId"), previewRoles(event))));
    }

    /** {@code ?mfaRequiredRoles=owner,developer}: a preview of that requirement; absent is no preview ({@code =} alone: none). */
    private static List<String> previewRoles(APIGatewayV2HTTPEvent event) {
        String value = event.getQueryStringParameters() == null ? null : event.getQueryStringParameters().get("mfaRequiredRoles");
        if (value == null) {
            return null;
        }
        if (value.length() > 64) {
            throw dev.latchkey.error.DomainError.invalidField("mfaRequiredRoles", "mfaRequiredRoles is too long");
        }
        return value.isBlank() ? List.of() : Arrays.stream(value.split(",", -1)).map(String::strip).toList();
    }
}
