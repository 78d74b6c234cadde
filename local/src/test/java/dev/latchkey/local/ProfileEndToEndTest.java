package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.devkit.DynamoDbLocal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PATCH /v1/me over HTTP against the dev server running template.yaml. Every response is checked
 * against docs/openapi.yaml ({@link Http}).
 */
@DisplayName("profile end to end through the dev server")
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
}
