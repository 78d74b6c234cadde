package dev.latchkey.functions.mfa;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.mfa.ManagingMfa;
import java.util.Set;

/** POST /v1/me/mfa/recovery-codes {password, code} (session only) → 200 {recoveryCodes}: the old set stops working. */
public final class RegenerateRecoveryCodesHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("code", "password");

    private final ManagingMfa mfa;

    public RegenerateRecoveryCodesHandler() {
        this(Wiring.component());
    }

    public RegenerateRecoveryCodesHandler(LatchkeyComponent component) {
        super(component);
        this.mfa = component.managingMfa();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        return Responses.json(200, Views.recoveryCodes(mfa.regenerateRecoveryCodes(principal, body.requiredString("password", 1024),
                body.requiredString("code", 64))));
    }
}
