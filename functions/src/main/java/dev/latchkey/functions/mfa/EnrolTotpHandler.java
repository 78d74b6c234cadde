package dev.latchkey.functions.mfa;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.auth.Principal;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.mfa.ManagingMfa;

/** POST /v1/me/mfa/totp (session only) → 201 {secret, otpauthUri, qrCodePng}: the pending secret. */
public final class EnrolTotpHandler extends AuthenticatedHandler {
    private final ManagingMfa mfa;

    public EnrolTotpHandler() {
        this(Wiring.component());
    }

    public EnrolTotpHandler(LatchkeyComponent component) {
        super(component);
        this.mfa = component.managingMfa();
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        noBody(event);
        return Responses.json(201, Views.totpEnrolment(mfa.enrol(principal)));
    }
}
