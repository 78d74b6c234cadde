package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.devkit.DynamoDbLocal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PATCH /v1/me and the email change over HTTP against the dev server running template.yaml. Every response is checked
 * against docs/openapi.yaml ({@link Http}).
 */
@DisplayName("profile and email change end to end through the dev server")
class ProfileEndToEndTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static DevServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = DevServer.start(DevServerOptions.ephemeral().withDynamoDb(DynamoDbLocal.shared().endpoint(), "profile-e2e-" + UUID.randomUUID()));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String token) {
        return http.call(method, path, body, token);
    }

    private static String problem(HttpResponse<String> response) {
        return Http.json(response).get("code").asText();
    }

    private static String field(HttpResponse<String> response) {
        return Http.json(response).get("field").asText();
    }

    /** A problem answer: its status, and its field (null: not checked). */
    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        if (field != null) {
            assertThat(field(response)).isEqualTo(field);
        }
    }

    private static HttpResponse<String> form(String method, String path, String token) {
        return http.send(http.request(path).header("authorization", "Bearer " + token)
                .header("content-type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString("name=x")).build());
    }

    @Test
    @DisplayName("case=PATCH /v1/me: name and username (the profile as GET shows it), 409 for a taken username, 400 naming the field or body, 415, API keys allowed")
    void editProfile() {
        String ada = http.signUp("ada@profile-e2e.example.com", PASSWORD);
        String bob = http.signUp("bob@profile-e2e.example.com", PASSWORD);
        HttpResponse<String> updated = call("PATCH", "/v1/me", "{\"name\":\"Ada Lovelace\",\"username\":\"ada-e2e\"}", ada);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(Http.json(updated).get("username").asText()).isEqualTo("ada-e2e");
        assertThat(Http.json(updated)).isEqualTo(Http.json(call("GET", "/v1/me", null, ada)));

        HttpResponse<String> taken = call("PATCH", "/v1/me", "{\"username\":\"ada-e2e\"}", bob);
        assertThat(taken.statusCode()).isEqualTo(409);
        assertThat(problem(taken)).isEqualTo("conflict");
        assertThat(field(taken)).isEqualTo("username");

        assertProblem(call("PATCH", "/v1/me", "{}", bob), 400, "body");
        assertProblem(call("PATCH", "/v1/me", "{\"username\":\"No Spaces\"}", bob), 400, "username");
        assertProblem(call("PATCH", "/v1/me", "{\"name\":42}", bob), 400, "name");
        assertThat(form("PATCH", "/v1/me", bob).statusCode()).isEqualTo(415);
        assertThat(call("PATCH", "/v1/me", "{\"name\":\"Bob\"}", null).statusCode()).isEqualTo(401);

        String key = Http.json(call("POST", "/v1/me/api-keys", "{\"name\":\"ci\"}", bob)).get("key").asText();
        HttpResponse<String> byKey = call("PATCH", "/v1/me", "{\"username\":\"bob-e2e\"}", key);
        assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);
        assertThat(Http.json(byKey).get("username").asText()).isEqualTo("bob-e2e");
    }

    @Test
    @DisplayName("case=email change: the same 202 for a taken and a free address, a link only to the free one; another account gets 403 and the link still works; the owner's other sessions end")
    void changeEmail() {
        String ada = http.signUp("ada@email-e2e.example.com", PASSWORD);
        http.signUp("taken@email-e2e.example.com", PASSWORD);
        String carol = http.signUp("carol@email-e2e.example.com", PASSWORD);
        HttpResponse<String> signedIn = call("POST", "/v1/sessions",
                "{\"email\":\"ada@email-e2e.example.com\",\"password\":\"" + PASSWORD + "\"}", null);
        String adaOther = Http.json(signedIn).at("/session/token").asText();

        HttpResponse<String> toTaken = call("POST", "/v1/me/email", "{\"email\":\"taken@email-e2e.example.com\",\"password\":\"" + PASSWORD + "\"}", ada);
        HttpResponse<String> toFree = call("POST", "/v1/me/email", "{\"email\":\"ada@new-e2e.example.com\",\"password\":\"" + PASSWORD + "\"}", ada);
        assertThat(toTaken.statusCode()).as(toTaken.body()).isEqualTo(202);
        assertThat(toFree.statusCode()).isEqualTo(202);
        assertThat(Http.json(toTaken)).isEqualTo(Http.json(toFree));
        assertThat(Http.json(toFree).get("status").asText()).isEqualTo("verification_sent");
        String token = http.lastLinkTo("ada@new-e2e.example.com");

        assertProblem(call("POST", "/v1/me/email", "{\"email\":\"x@new-e2e.example.com\",\"password\":\"not it\"}", ada), 403, "password");
        assertProblem(call("POST", "/v1/me/email", "{\"email\":\"nope\",\"password\":\"" + PASSWORD + "\"}", ada), 400, "email");
        assertProblem(call("POST", "/v1/me/email", "{\"email\":\"x@new-e2e.example.com\"}", ada), 400, "password");
        assertThat(form("POST", "/v1/me/email", ada).statusCode()).isEqualTo(415);
        String key = Http.json(call("POST", "/v1/me/api-keys", "{\"name\":\"ci\"}", ada)).get("key").asText();
        HttpResponse<String> byKey = call("POST", "/v1/me/email", "{\"email\":\"x@new-e2e.example.com\",\"password\":\"" + PASSWORD + "\"}", key);
        assertThat(byKey.statusCode()).isEqualTo(403);
        assertThat(problem(byKey)).isEqualTo("session_required");

        HttpResponse<String> byCarol = call("POST", "/v1/me/email/confirm", "{\"token\":\"" + token + "\"}", carol);
        assertThat(byCarol.statusCode()).isEqualTo(403);
        assertThat(problem(byCarol)).isEqualTo("forbidden");
        assertProblem(call("POST", "/v1/me/email/confirm", "{}", ada), 400, "token");
        assertThat(form("POST", "/v1/me/email/confirm", ada).statusCode()).isEqualTo(415);

        HttpResponse<String> confirmed = call("POST", "/v1/me/email/confirm", "{\"token\":\"" + token + "\"}", ada);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        JsonNode profile = Http.json(confirmed);
        assertThat(profile.get("email").asText()).isEqualTo("ada@new-e2e.example.com");
        assertThat(profile).isEqualTo(Http.json(call("GET", "/v1/me", null, ada)));
        assertThat(call("GET", "/v1/me", null, adaOther).statusCode()).as("another session of Ada").isEqualTo(401);
        assertThat(call("GET", "/v1/me", null, key).statusCode()).as("API keys stay").isEqualTo(200);

        HttpResponse<String> again = call("POST", "/v1/me/email/confirm", "{\"token\":\"" + token + "\"}", ada);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(problem(again)).isEqualTo("invalid_token");
        assertThat(field(again)).isEqualTo("token");
        assertThat(call("POST", "/v1/sessions", "{\"email\":\"ada@new-e2e.example.com\",\"password\":\"" + PASSWORD + "\"}", null).statusCode())
                .isEqualTo(201);
    }
}
