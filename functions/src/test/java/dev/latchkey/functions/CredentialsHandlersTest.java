package dev.latchkey.functions;

import dev.latchkey.functions.account.GetMeHandler;
import dev.latchkey.functions.apikey.CreateApiKeyHandler;
import dev.latchkey.functions.apikey.DeleteApiKeyHandler;
import dev.latchkey.functions.apikey.ListApiKeysHandler;
import dev.latchkey.functions.apikey.RegenerateApiKeyHandler;
import dev.latchkey.functions.password.ChangePasswordHandler;
import dev.latchkey.functions.password.RequestPasswordResetHandler;
import dev.latchkey.functions.session.CreateSessionHandler;
import dev.latchkey.functions.session.DeleteSessionHandler;
import dev.latchkey.functions.session.ListSessionsHandler;
import dev.latchkey.functions.session.RefreshSessionHandler;
import dev.latchkey.functions.signup.ConfirmSignupHandler;
import dev.latchkey.functions.signup.SignupHandler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.testing.Mail;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Sessions, password and API-key routes through their handlers, and the exported authorizer. */
class CredentialsHandlersTest {
    private static Api api;
    private static String session;

    @BeforeAll
    static void account() {
        api = new Api("credentials");
        Api.post(new SignupHandler(api.component), "/v1/signup",
                "{\"email\":\"grace@example.com\"}");
        String token = Mail.token(api.component.outbox().messages().getLast());
        APIGatewayV2HTTPResponse confirmed = Api.post(new ConfirmSignupHandler(api.component), "/v1/signup/confirm",
                "{\"token\":\"" + token + "\",\"password\":\"correct horse battery staple\"}");
        session = Api.json(confirmed).at("/session/token").asText();
    }

    private APIGatewayV2HTTPResponse call(HttpHandler handler, String method, String path, String body, String token,
                                          Map<String, String> pathParameters) {
        APIGatewayV2HTTPEvent event = Api.event(method, path, body, Map.of("authorization", "Bearer " + token));
        event.setPathParameters(pathParameters);
        return handler.handleRequest(event, new LambdaContext("test", 1024, 15));
    }

    @Test
    @DisplayName("case=an API key reads /v1/me but gets 403 session_required on credential management")
    void apiKeysAreNotSessions() {
        APIGatewayV2HTTPResponse created = call(new CreateApiKeyHandler(api.component), "POST", "/v1/me/api-keys",
                "{\"name\":\"robot\",\"description\":\"nightly job\"}", session, null);
        assertThat(created.getStatusCode()).isEqualTo(201);
        JsonNode key = Api.json(created);
        assertThat(key.get("key").asText()).startsWith("lk_k_");
        String apiKey = key.get("key").asText();

        assertThat(api.authorize("Bearer " + apiKey, "GET /v1/me").get("context"))
                .isEqualTo(Map.of("userId", Api.json(call(new GetMeHandler(api.component), "GET", "/v1/me", null, session, null)).get("id").asText(),
                        "credentialType", "api_key", "apiKeyId", key.get("id").asText(), "mfa", false));
        assertThat(call(new GetMeHandler(api.component), "GET", "/v1/me", null, apiKey, null).getStatusCode()).isEqualTo(200);

        for (var forbidden : new Object[][] {
                {new CreateApiKeyHandler(api.component), "POST", "/v1/me/api-keys", "{\"name\":\"other\"}", null},
                {new ChangePasswordHandler(api.component), "PUT", "/v1/me/password",
                        "{\"currentPassword\":\"correct horse battery staple\",\"newPassword\":\"a whole new passphrase\"}", null},
                {new RefreshSessionHandler(api.component), "POST", "/v1/sessions/refresh", null, null},
                {new RegenerateApiKeyHandler(api.component), "POST", "/v1/me/api-keys/x/regenerate", null, Map.of("id", key.get("id").asText())}}) {
            @SuppressWarnings("unchecked")
            APIGatewayV2HTTPResponse response = call((HttpHandler) forbidden[0], (String) forbidden[1], (String) forbidden[2],
                    (String) forbidden[3], apiKey, (Map<String, String>) forbidden[4]);
            assertThat(response.getStatusCode()).as((String) forbidden[2]).isEqualTo(403);
            assertThat(Api.json(response).get("code").asText()).isEqualTo("session_required");
        }

        APIGatewayV2HTTPResponse listed = call(new ListApiKeysHandler(api.component), "GET", "/v1/me/api-keys", null, apiKey, null);
        assertThat(listed.getStatusCode()).isEqualTo(200);
        assertThat(listed.getBody()).doesNotContain(apiKey).contains("robot");

        assertThat(call(new DeleteApiKeyHandler(api.component), "DELETE", "/v1/me/api-keys/" + key.get("id").asText(), null, session,
                Map.of("id", key.get("id").asText())).getStatusCode()).isEqualTo(204);
        assertThat(call(new GetMeHandler(api.component), "GET", "/v1/me", null, apiKey, null).getStatusCode()).isEqualTo(401);
    }

    @Test
    @DisplayName("case=sessions are listed with browser, os and current; unknown ids are 404; bodies on bodyless routes are checked")
    void sessionRoutes() {
        APIGatewayV2HTTPResponse listed = call(new ListSessionsHandler(api.component), "GET", "/v1/sessions", null, session, null);
        assertThat(listed.getStatusCode()).isEqualTo(200);
        JsonNode first = Api.json(listed).get("sessions").get(0);
        assertThat(first.get("current").asBoolean()).isTrue();
        assertThat(first.get("browser").asText()).isEqualTo("Safari 17.5");
        assertThat(first.get("os").asText()).startsWith("macOS");
        assertThat(first.has("token")).isFalse();

        APIGatewayV2HTTPResponse missing = call(new DeleteSessionHandler(api.component), "DELETE", "/v1/sessions/ses_nope", null, session,
                Map.of("id", "ses_nope"));
        assertThat(missing.getStatusCode()).isEqualTo(404);
        assertThat(Api.json(missing).get("code").asText()).isEqualTo("not_found");

        APIGatewayV2HTTPResponse withBody = call(new RefreshSessionHandler(api.component), "POST", "/v1/sessions/refresh",
                "{\"extend\":true}", session, null);
        assertThat(withBody.getStatusCode()).isEqualTo(400);
        assertThat(Api.json(withBody).get("field").asText()).isEqualTo("body");
        assertThat(Api.json(withBody).get("detail").asText()).isEqualTo("this route takes no body");
        APIGatewayV2HTTPResponse emptyObject = call(new RefreshSessionHandler(api.component), "POST", "/v1/sessions/refresh", "{}",
                session, null);
        assertThat(emptyObject.getStatusCode()).as("an empty JSON object counts as no body").isEqualTo(201);
        session = Api.json(emptyObject).get("token").asText();
    }

    @Test
    @DisplayName("case=the sixth wrong password is a 429 with Retry-After, byte-identical for an unknown email")
    void bruteForce() {
        CreateSessionHandler sessions = new CreateSessionHandler(api.component);
        APIGatewayV2HTTPResponse known = null;
        APIGatewayV2HTTPResponse unknown = null;
        for (int i = 0; i < 6; i++) {
            known = Api.post(sessions, "/v1/sessions", "{\"email\":\"grace@example.com\",\"password\":\"guess " + i + "\"}");
            unknown = Api.post(sessions, "/v1/sessions", "{\"email\":\"nobody@example.com\",\"password\":\"guess " + i + "\"}");
        }
        assertThat(known.getStatusCode()).isEqualTo(429);
        assertThat(known.getHeaders()).containsEntry("retry-after", "60");
        assertThat(unknown.getStatusCode()).isEqualTo(429);
        assertThat(unknown.getHeaders()).isEqualTo(known.getHeaders());
        assertThat(unknown.getBody()).isEqualTo(known.getBody());
        assertThat(Api.json(known).get("code").asText()).isEqualTo("rate_limited");
    }

    @Test
    @DisplayName("case=reset requests answer alike for known and unknown emails")
    void resetRequests() {
        RequestPasswordResetHandler handler = new RequestPasswordResetHandler(api.component);
        APIGatewayV2HTTPResponse known = Api.post(handler, "/v1/password-reset", "{\"email\":\"grace@example.com\"}");
        APIGatewayV2HTTPResponse unknown = Api.post(handler, "/v1/password-reset", "{\"email\":\"stranger@example.com\"}");
        assertThat(known.getStatusCode()).isEqualTo(202);
        assertThat(unknown.getStatusCode()).isEqualTo(202);
        assertThat(unknown.getBody()).isEqualTo(known.getBody()).isEqualTo("{\"status\":\"reset_requested\"}");
        assertThat(unknown.getHeaders()).isEqualTo(known.getHeaders());
    }
}
