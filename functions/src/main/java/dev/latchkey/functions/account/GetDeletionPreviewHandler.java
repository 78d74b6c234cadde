package dev.latchkey.functions.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.auth.Principal;
import dev.latchkey.cleanup.DeletingAccount;
import dev.latchkey.cleanup.DeletionPreview;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.JsonObject;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;

/** GET /v1/me/deletion (session only) → 200 what deleting the account would remove. */
public final class GetDeletionPreviewHandler extends AuthenticatedHandler {
    private final DeletingAccount deleting;

    public GetDeletionPreviewHandler() {
        this(Wiring.component());
    }

    public GetDeletionPreviewHandler(LatchkeyComponent component) {
        super(component);
        this.deleting = component.deletingAccount();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        DeletionPreview preview = deleting.preview(principal);
        return Responses.json(200, new JsonObject()
                .put("ownedApplications", preview.ownedApplications().stream().map(a -> new JsonObject()
                        .put("id", a.id()).put("name", a.name()).put("memberCount", a.memberCount())).toList())
                .put("memberships", preview.memberships())
                .put("apiKeys", preview.apiKeys())
                .put("sessions", preview.sessions())
                .put("mfaEnabled", preview.mfaEnabled()));
    }
}
