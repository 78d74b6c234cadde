package dev.latchkey.functions.account;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.account.Account;
import dev.latchkey.auth.Principal;
import dev.latchkey.email.ChangingEmail;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.Set;

/** POST /v1/me/email/confirm {token} → 200 profile with the new address; every other session of the user ends. */
public final class ConfirmEmailChangeHandler extends AuthenticatedHandler {
    private static final Set<String> FIELDS = Set.of("token");

    private final ChangingEmail changing;
    private final LatchkeyComponent component;

    public ConfirmEmailChangeHandler() {
        this(Wiring.component());
    }

    public ConfirmEmailChangeHandler(LatchkeyComponent component) {
        super(component);
        this.changing = component.changingEmail();
        this.component = component; // MfaStatus only when a profile has MFA on, as in GetMeHandler
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        Account account = changing.confirm(principal, body(event, FIELDS).requiredString("token", 128));
        int recoveryCodesLeft = account.mfaEnabled() ? component.mfaStatus().recoveryCodesLeft(account.id()) : 0;
        return Responses.json(200, Views.profile(account, recoveryCodesLeft));
    }
}
