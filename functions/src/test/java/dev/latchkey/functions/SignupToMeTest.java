package dev.latchkey.functions;

import dev.latchkey.functions.account.GetMeHandler;
import dev.latchkey.functions.session.CreateSessionHandler;
import dev.latchkey.functions.signup.ConfirmSignupHandler;
import dev.latchkey.functions.signup.SignupHandler;

import dev.latchkey.auth.BearerToken;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.testing.Mail;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The walking skeleton through the handlers: signup → mail → confirm → sign in → GET /v1/me. */
class SignupToMeTest {
    private static Api api;
    private static SignupHandler signup;
    private static ConfirmSignupHandler confirm;
    private static CreateSessionHandler sessions;
    private static GetMeHandler me;

    @BeforeAll
    static void handlers() {
        api = new Api("handlers");
        signup = new SignupHandler(api.component);
        confirm = new ConfirmSignupHandler(api.component);
        sessions = new CreateSessionHandler(api.component);
        me = new GetMeHandler(api.component);
    }

    @Test
    @DisplayName("case=GET /v1/me without, with a malformed, a tampered or an unknown token is a 401 problem")
    void meNeedsAValidToken() {
        String neverIssued = dev.latchkey.auth.BearerToken.issue("lk_s_", api.component.randomness());
        for (String authorization : new String[] {null, "Bearer nonsense", "Bearer " + neverIssued,
                "Bearer " + neverIssued.substring(0, 20) + "x" + neverIssued.substring(21)}) {
            APIGatewayV2HTTPResponse response = api.authorized(me, "GET", "/v1/me", authorization);
            assertThat(response.getStatusCode()).as("authorization %s", authorization).isEqualTo(401);
            assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json")
                    .containsEntry("www-authenticate", "Bearer error=\"invalid_token\"");
            assertThat(Api.json(response).get("code").asText()).isEqualTo("invalid_token");
        }
    }

    @Test
    @DisplayName("case=the whole path works and a repeated signup gets the identical answer")
    void signupToMe() {
        String body = "{\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\",\"username\":\"ada\"}";
        APIGatewayV2HTTPResponse accepted = Api.post(signup, "/v1/signup", body);
        assertThat(accepted.getStatusCode()).isEqualTo(202);
        assertThat(accepted.getBody()).isEqualTo("{\"status\":\"verification_sent\"}");

        MailMessage link = api.component.outbox().messages().getLast();
        assertThat(link.to()).isEqualTo("ada@example.com");
        APIGatewayV2HTTPResponse confirmed = Api.post(confirm, "/v1/signup/confirm", "{\"token\":\"" + Mail.token(link) + "\",\"password\":\"correct horse battery staple\"}");
        assertThat(confirmed.getStatusCode()).isEqualTo(201);
        assertThat(confirmed.getHeaders()).containsEntry("cache-control", "no-store");
        JsonNode created = Api.json(confirmed);
        assertThat(created.at("/user/email").asText()).isEqualTo("ada@example.com");
        assertThat(created.at("/user/emailVerified").asBoolean()).isTrue();
        assertThat(created.at("/user").has("passwordHash")).isFalse();
        assertThat(created.at("/session/token").asText()).matches("lk_s_[0-9A-Za-z]{38}");

        APIGatewayV2HTTPResponse signedIn = Api.post(sessions, "/v1/sessions",
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery staple\"}");
        assertThat(signedIn.getStatusCode()).isEqualTo(201);
        String token = Api.json(signedIn).at("/session/token").asText();

        APIGatewayV2HTTPResponse profile = api.authorized(me, "GET", "/v1/me", "Bearer " + token);
        assertThat(profile.getStatusCode()).isEqualTo(200);
        JsonNode user = Api.json(profile);
        assertThat(user.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(user.get("username").asText()).isEqualTo("ada");
        assertThat(user.get("mfaEnabled").asBoolean()).isFalse();
        assertThat(user.get("id").asText()).isEqualTo(created.at("/user/id").asText());

        int mails = api.component.outbox().messages().size();
        APIGatewayV2HTTPResponse again = Api.post(signup, "/v1/signup",
                "{\"email\":\"ada@example.com\"}");
        assertThat(again.getStatusCode()).isEqualTo(accepted.getStatusCode());
        assertThat(again.getBody()).isEqualTo(accepted.getBody());
        assertThat(again.getHeaders()).isEqualTo(accepted.getHeaders());
        assertThat(api.component.outbox().messages()).hasSize(mails + 1);
        assertThat(api.component.outbox().messages().getLast().subject()).contains("tried to sign up");
    }

    @Test
    @DisplayName("case=a wrong password and an unknown email get byte-identical 401s")
    void signInFailuresLookAlike() {
        APIGatewayV2HTTPResponse unknown = Api.post(sessions, "/v1/sessions", "{\"email\":\"ghost@example.com\",\"password\":\"whatever it is\"}");
        APIGatewayV2HTTPResponse wrong = Api.post(sessions, "/v1/sessions", "{\"email\":\"ada@example.com\",\"password\":\"whatever it is\"}");
        assertThat(unknown.getStatusCode()).isEqualTo(401);
        assertThat(wrong.getStatusCode()).isEqualTo(401);
        assertThat(unknown.getBody()).isEqualTo(wrong.getBody());
        assertThat(Api.json(unknown).get("code").asText()).isEqualTo("invalid_credentials");
    }

    @Test
    @DisplayName("case=the exported authorizer denies a missing, malformed or unknown token and allows a live one with the caller as context")
    void authorizerDeniesAndAllows() {
        for (String header : new String[] {null, "Bearer nope", "Basic abc",
                "Bearer " + dev.latchkey.auth.BearerToken.issue("lk_s_", api.component.randomness())}) {
            var denied = api.authorize(header, "GET /v1/orders");
            assertThat(denied).as("%s", header).isEqualTo(java.util.Map.of("isAuthorized", false));
        }
        String token = Api.json(Api.post(sessions, "/v1/sessions",
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery staple\"}")).at("/session/token").asText();
        var allowed = api.authorize("Bearer " + token, "GET /v1/orders");
        assertThat(allowed).containsEntry("isAuthorized", true);
        @SuppressWarnings("unchecked")
        var context = (java.util.Map<String, Object>) allowed.get("context");
        assertThat(context).containsEntry("credentialType", "session").containsKeys("userId", "sessionId", "signedInAt");
    }
}
