package dev.latchkey.functions.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.account.Account;
import dev.latchkey.account.EditingProfile;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** PATCH /v1/me {name?, username?} → 200 profile; 409 when the username is taken. */
public final class UpdateMeHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("name", "username");

    private final EditingProfile editing;
    private final LatchkeyComponent component;

    public UpdateMeHandler() {
        this(Wiring.component());
    }

    public UpdateMeHandler(LatchkeyComponent component) {
        super(component);
        this.editing = component.editingProfile();
        this.component = component; // MfaStatus only when a profile has MFA on, as in GetMeHandler
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        Account account = editing.update(principal, body.optionalString("name", 400), body.optionalString("username", 64));
        int recoveryCodesLeft = account.mfaEnabled() ? component.mfaStatus().recoveryCodesLeft(account.id()) : 0;
        return Responses.json(200, Views.profile(account, recoveryCodesLeft));
    }
}
