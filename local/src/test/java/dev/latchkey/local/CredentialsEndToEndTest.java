package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.devkit.DynamoDbLocal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Issue 3's "checked by" list, over HTTP against the dev server running template.yaml. */
class CredentialsEndToEndTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static DevServer server;
    private static Http http;
    private static String table;

    @BeforeAll
    static void start() {
        table = "creds-" + UUID.randomUUID();
        server = DevServer.start(DevServerOptions.ephemeral().withDynamoDb(DynamoDbLocal.shared().endpoint(), table));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String token) {
        return http.call(method, path, body, token);
    }

    private static String lastLinkTo(String email) {
        return http.lastLinkTo(email);
    }

    private static void account(String email) {
        assertThat(call("POST", "/v1/signup", "{\"email\":\"" + email + "\"}", null).statusCode()).isEqualTo(202);
        assertThat(call("POST", "/v1/signup/confirm", "{\"token\":\"" + lastLinkTo(email) + "\",\"password\":\"correct horse battery staple\"}", null).statusCode()).isEqualTo(201);
    }

    private static String signIn(String email, String password) {
        HttpResponse<String> response = call("POST", "/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return Http.json(response).at("/session/token").asText();
    }

    private static int status(String method, String path, String token) {
        return call(method, path, null, token).statusCode();
    }

    @Test
    @DisplayName("case=sessions: listed with the right one current; ending one kills only it; refresh rotates; a password change ends the others")
    void sessions() {
        account("sessions@example.com");
        String first = signIn("sessions@example.com", PASSWORD);
        String second = signIn("sessions@example.com", PASSWORD);

        JsonNode listed = Http.json(call("GET", "/v1/sessions", null, second));
        JsonNode secondsView = listed.get("sessions").get(0);
        assertThat(listed.get("sessions")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(secondsView.get("current").asBoolean()).isTrue();
        assertThat(listed.get("sessions").get(1).get("current").asBoolean()).isFalse();
        String firstId = Http.json(call("GET", "/v1/sessions", null, first)).get("sessions").findValues("id").stream()
                .filter(id -> !id.asText().equals(secondsView.get("id").asText())).findFirst().orElseThrow().asText();

        assertThat(status("DELETE", "/v1/sessions/" + firstId, second)).isEqualTo(204);
        assertThat(status("GET", "/v1/me", first)).isEqualTo(401);
        assertThat(status("GET", "/v1/me", second)).isEqualTo(200);

        HttpResponse<String> refreshed = call("POST", "/v1/sessions/refresh", null, second);
        assertThat(refreshed.statusCode()).isEqualTo(201);
        String third = Http.json(refreshed).get("token").asText();
        assertThat(status("GET", "/v1/me", second)).isEqualTo(401);
        assertThat(status("GET", "/v1/me", third)).isEqualTo(200);

        String other = signIn("sessions@example.com", PASSWORD);
        HttpResponse<String> changed = call("PUT", "/v1/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"an entirely new passphrase\"}", third);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        String fourth = Http.json(changed).get("token").asText();
        assertThat(status("GET", "/v1/me", other)).isEqualTo(401);
        assertThat(status("GET", "/v1/me", third)).as("the caller's old token ends too (ASVS 7.2.4)").isEqualTo(401);
        assertThat(status("GET", "/v1/me", fourth)).isEqualTo(200);
        assertThat(status("DELETE", "/v1/sessions/" + Http.json(call("GET", "/v1/sessions", null, fourth)).at("/sessions/0/id").asText(), fourth))
                .as("logging out").isEqualTo(204);
        assertThat(status("GET", "/v1/me", fourth)).isEqualTo(401);
    }

    @Test
    @DisplayName("case=reset: unknown and known emails answer alike; the link works once; superseded links and the old password fail")
    void passwordReset() {
        account("reset@example.com");
        String session = signIn("reset@example.com", PASSWORD);
        HttpResponse<String> known = call("POST", "/v1/password-reset", "{\"email\":\"reset@example.com\"}", null);
        HttpResponse<String> unknown = call("POST", "/v1/password-reset", "{\"email\":\"no-such-user@example.com\"}", null);
        assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());

        String superseded = lastLinkTo("reset@example.com");
        call("POST", "/v1/password-reset", "{\"email\":\"reset@example.com\"}", null);
        String current = lastLinkTo("reset@example.com");
        assertThat(current).isNotEqualTo(superseded);

        String confirm = "{\"token\":\"%s\",\"password\":\"my fresh passphrase\"}";
        assertThat(call("POST", "/v1/password-reset/confirm", confirm.formatted(superseded), null).statusCode()).isEqualTo(400);
        assertThat(call("POST", "/v1/password-reset/confirm", confirm.formatted(current), null).statusCode()).isEqualTo(204);
        HttpResponse<String> again = call("POST", "/v1/password-reset/confirm", confirm.formatted(current), null);
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(Http.json(again).get("code").asText()).isEqualTo("invalid_token");

        assertThat(status("GET", "/v1/me", session)).as("every session ended").isEqualTo(401);
        assertThat(call("POST", "/v1/sessions", "{\"email\":\"reset@example.com\",\"password\":\"" + PASSWORD + "\"}", null).statusCode())
                .isEqualTo(401);
        signIn("reset@example.com", "my fresh passphrase");
    }

    @Test
    @DisplayName("case=six wrong passwords: 429 with Retry-After, the same for an unknown email")
    void bruteForce() {
        account("brute@example.com");
        HttpResponse<String> known = null;
        HttpResponse<String> unknown = null;
        for (int i = 0; i < 6; i++) {
            known = call("POST", "/v1/sessions", "{\"email\":\"brute@example.com\",\"password\":\"guess " + i + "\"}", null);
            unknown = call("POST", "/v1/sessions", "{\"email\":\"brute-ghost@example.com\",\"password\":\"guess " + i + "\"}", null);
        }
        assertThat(known.statusCode()).isEqualTo(429);
        assertThat(unknown.statusCode()).isEqualTo(429);
        assertThat(known.headers().firstValue("retry-after")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
        // Computed at each answer from the same window: the two answers may straddle a second on a busy machine.
        assertThat(Integer.parseInt(unknown.headers().firstValue("retry-after").orElseThrow()))
                .isCloseTo(Integer.parseInt(known.headers().firstValue("retry-after").orElseThrow()), org.assertj.core.data.Offset.offset(1));
        assertThat(unknown.body()).isEqualTo(known.body());
    }

    @Test
    @DisplayName("case=an API key reads /v1/me, cannot make keys, dies on revoke and on regenerate, and is never stored")
    void apiKeys() {
        account("keys@example.com");
        String session = signIn("keys@example.com", PASSWORD);
        HttpResponse<String> created = call("POST", "/v1/me/api-keys", "{\"name\":\"deploy\"}", session);
        assertThat(created.statusCode()).isEqualTo(201);
        String key = Http.json(created).get("key").asText();
        String id = Http.json(created).get("id").asText();

        assertThat(status("GET", "/v1/me", key)).isEqualTo(200);
        HttpResponse<String> refused = call("POST", "/v1/me/api-keys", "{\"name\":\"another\"}", key);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(Http.json(refused).get("code").asText()).isEqualTo("session_required");
        assertThat(call("GET", "/v1/me/api-keys", null, key).body()).contains("deploy").doesNotContain(key);

        HttpResponse<String> regenerated = call("POST", "/v1/me/api-keys/" + id + "/regenerate", null, session);
        assertThat(regenerated.statusCode()).isEqualTo(201);
        String newKey = Http.json(regenerated).get("key").asText();
        assertThat(status("GET", "/v1/me", key)).isEqualTo(401);
        assertThat(status("GET", "/v1/me", newKey)).isEqualTo(200);

        assertThat(status("DELETE", "/v1/me/api-keys/" + id, session)).isEqualTo(204);
        assertThat(status("GET", "/v1/me", newKey)).isEqualTo(401);

        List<Map<String, AttributeValue>> items = DynamoDbLocal.shared().client()
                .scanPaginator(ScanRequest.builder().tableName(table).build()).items().stream().toList();
        assertThat(items).isNotEmpty();
        assertThat(items.toString()).doesNotContain(key).doesNotContain(newKey).doesNotContain(session).doesNotContain(PASSWORD);
    }

    @Test
    @DisplayName("case=over HTTP: signup takes no password, the link's holder sets it, non-JSON bodies are 415, a stranger cannot lock the owner out")
    void repairedPaths() {
        HttpResponse<String> withPassword = call("POST", "/v1/signup", "{\"email\":\"hijack@example.com\",\"password\":\"attacker's choice\"}", null);
        assertThat(withPassword.statusCode()).isEqualTo(400);
        assertThat(Http.json(withPassword).get("field").asText()).isEqualTo("password");

        HttpResponse<String> form = http.send(http.request("/v1/signup")
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"form@example.com\"}")).build());
        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(form.headers().firstValue("content-type")).contains("application/problem+json");

        assertThat(call("POST", "/v1/signup", "{\"email\":\"hijack@example.com\"}", null).statusCode()).isEqualTo(202);
        String link = lastLinkTo("hijack@example.com");
        HttpResponse<String> confirmed = call("POST", "/v1/signup/confirm",
                "{\"token\":\"" + link + "\",\"password\":\"the owner's own passphrase\"}", null);
        assertThat(confirmed.statusCode()).isEqualTo(201);
        String device = Http.json(confirmed).get("deviceToken").asText();
        assertThat(device).hasSize(43);

        for (int i = 0; i < 6; i++) { // a stranger, from this same address, without the device token
            call("POST", "/v1/sessions", "{\"email\":\"hijack@example.com\",\"password\":\"guess " + i + "\"}", null);
        }
        assertThat(call("POST", "/v1/sessions", "{\"email\":\"hijack@example.com\",\"password\":\"the owner's own passphrase\"}", null)
                .statusCode()).as("the stranger's client is throttled").isEqualTo(429);
        HttpResponse<String> owner = call("POST", "/v1/sessions", "{\"email\":\"hijack@example.com\",\"password\":\"the owner's own passphrase\","
                + "\"deviceToken\":\"" + device + "\"}", null);
        assertThat(owner.statusCode()).as("the owner's device is not: " + owner.body()).isEqualTo(201);
    }
}
