package dev.latchkey.functions.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.auth.Principal;
import dev.latchkey.cleanup.DeletingAccount;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.JsonObject;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/**
 * DELETE /v1/me {password, mfaCode? | recoveryCode?} (session only) → 202: the profile and its guards are gone, every
 * token of the user fails from now on; the clean-up of everything else follows from the table's stream.
 */
public final class DeleteMeHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("password", "mfaCode", "recoveryCode");

    private final DeletingAccount deleting;

    public DeleteMeHandler() {
        this(Wiring.component());
    }

    public DeleteMeHandler(LatchkeyComponent component) {
        super(component);
        this.deleting = component.deletingAccount();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        deleting.delete(principal, body.requiredString("password", 1024), body.optionalString("mfaCode", 16),
                body.optionalString("recoveryCode", 64));
        return Responses.json(202, new JsonObject().put("status", "deleted"));
    }
}
