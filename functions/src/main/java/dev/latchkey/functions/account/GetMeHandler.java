package dev.latchkey.functions.account;

import dev.latchkey.functions.Wiring;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.account.ReadingProfile;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.account.Account;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.auth.Principal;

/** GET /v1/me → 200 profile. */
public final class GetMeHandler extends AuthenticatedHandler {
    private final ReadingProfile profiles;
    private final LatchkeyComponent component;

    public GetMeHandler() {
        this(Wiring.component());
    }

    public GetMeHandler(LatchkeyComponent component) {
        super(component);
        this.profiles = component.readingProfile();
        this.component = component; // MfaStatus only when a profile has MFA on: most never do, so its store is not built at init
    }

    @Override
    protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Principal principal) {
        Account account = profiles.profile(principal);
        int recoveryCodesLeft = account.mfaEnabled() ? component.mfaStatus().recoveryCodesLeft(account.id()) : 0;
        return Responses.json(200, Views.profile(account, recoveryCodesLeft));
    }
}
