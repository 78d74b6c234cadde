package dev.latchkey.functions.session;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.http.ClientAddresses;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.session.SigningIn;
import dev.latchkey.mfa.MfaStatus;
import dev.latchkey.session.SignedIn;
import java.util.Set;

/** POST /v1/sessions → 201 user and session; 401 invalid_credentials for a wrong email or password alike. */
public final class CreateSessionHandler extends HttpHandler {
    private static final Set<String> FIELDS = Set.of("email", "password", "deviceToken", "mfaCode", "recoveryCode");

    private final SigningIn signingIn;
    private final ClientAddresses clients;
    private final MfaStatus mfa;

    public CreateSessionHandler() {
        this(Wiring.component());
    }

    public CreateSessionHandler(LatchkeyComponent component) {
        this.clients = new ClientAddresses(component.config());
        this.signingIn = component.signingIn();
        this.mfa = component.mfaStatus();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        RequestBody body = body(event, FIELDS);
        SignedIn signedIn = signingIn.signIn(
                body.requiredString("email", 320), body.requiredString("password", 1024), body.optionalString("mfaCode", 16),
                body.optionalString("recoveryCode", 64), body.optionalString("deviceToken", 64), clients.of(event));
        int codesLeft = signedIn.account().mfaEnabled() ? mfa.recoveryCodesLeft(signedIn.account().id()) : 0;
        return Responses.json(201, Views.signedIn(signedIn, codesLeft));
    }
}
