package dev.latchkey.functions.password;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.password.ResettingPassword;
import java.util.Set;

/** POST /v1/password-reset/confirm → 204; the password is set and every session ends. */
public final class ConfirmPasswordResetHandler extends HttpHandler {
    private static final Set<String> FIELDS = Set.of("token", "password", "mfaCode", "recoveryCode", "revokeApiKeys");

    private final ResettingPassword resetting;

    public ConfirmPasswordResetHandler() {
        this(Wiring.component());
    }

    public ConfirmPasswordResetHandler(LatchkeyComponent component) {
        this.resetting = component.resettingPassword();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        RequestBody body = body(event, FIELDS);
        resetting.confirm(body.requiredString("token", 128), body.requiredString("password", 1024), body.optionalString("mfaCode", 16), body.optionalString("recoveryCode", 64),
                body.optionalBoolean("revokeApiKeys", true));
        return Responses.noContent();
    }
}
