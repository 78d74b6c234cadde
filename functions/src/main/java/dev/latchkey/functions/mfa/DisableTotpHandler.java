package dev.latchkey.functions.mfa;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.mfa.ManagingMfa;
import java.util.Set;

/** DELETE /v1/me/mfa/totp {password, code} (session only) → 204: MFA off, secret and recovery codes deleted. */
public final class DisableTotpHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("code", "password");

    private final ManagingMfa mfa;

    public DisableTotpHandler() {
        this(Wiring.component());
    }

    public DisableTotpHandler(LatchkeyComponent component) {
        super(component);
        this.mfa = component.managingMfa();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        RequestBody body = body(event, FIELDS);
        mfa.disable(principal, body.requiredString("password", 1024), body.requiredString("code", 64));
        return Responses.noContent();
    }
}
