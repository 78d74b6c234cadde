package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.latchkey.devkit.DynamoDbLocal;

@DisplayName("The dev server running the real template.yaml")
class DevServerTest {
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static DevServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = DevServer.start(DevServerOptions.ephemeral()
                .withDynamoDb(DynamoDbLocal.shared().endpoint(), "latchkey-" + UUID.randomUUID())
                .withOut(new PrintStream(LOG, true, StandardCharsets.UTF_8)));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("listens on a free port and serves the template's routes")
    void routes() {
        assertThat(server.port()).isPositive();
        assertThat(server.routes()).extracting(route -> route.routeKey())
                .contains("POST /v1/signup", "POST /v1/signup/confirm", "POST /v1/sessions", "GET /v1/me");
        assertThat(server.config().linkBaseUrl()).hasToString("http://localhost:" + server.port());
    }

    @Test
    @DisplayName("an unknown route is 404 {\"message\":\"Not Found\"}, as API Gateway answers")
    void unknownRoute() {
        // /v1/nowhere and /v1/me/ are no openapi paths, so they are not checked; POST /v1/me is a method that the
        // documented path /v1/me does not have, deliberately: API Gateway answers it, not an operation of the contract.
        // Paths outside /v1 are the console's (ConsoleFilesTest).
        Http noSuchOperation = http.outsideTheContract("POST /v1/me: a method /v1/me does not have, for API Gateway's 404");
        for (HttpResponse<String> response : List.of(
                http.get("/v1/nowhere"), http.get("/v1/me/"), noSuchOperation.post("/v1/me", "{}"))) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("content-type")).contains("application/json");
            assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }

    @Test
    @DisplayName("an authenticated route without, with an empty or with a bad Authorization header: the handler answers 401 invalid_token")
    void missingOrBadAuthorization() {
        for (String[] headers : new String[][] {{}, {"Authorization", " "}, {"Authorization", "Bearer not-a-token"}}) {
            HttpResponse<String> response = http.get("/v1/me", headers);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("content-type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.headers().firstValue("www-authenticate")).contains("Bearer error=\"invalid_token\"");
            assertThat(Http.json(response).path("code").asText()).isEqualTo("invalid_token");
        }
    }

    @Test
    @DisplayName("/_local/mail is a JSON array of {to, subject, text, html}, newest last")
    void outbox() {
        HttpResponse<String> empty = http.get(DevServer.MAIL_PATH);
        assertThat(empty.statusCode()).isEqualTo(200);
        assertThat(empty.headers().firstValue("content-type")).contains("application/json");
        assertThat(Http.json(empty).isArray()).isTrue();

        String email = "mail-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> signup = http.post("/v1/signup",
                "{\"email\":\"" + email + "\"}");
        assertThat(signup.statusCode()).isEqualTo(202);

        JsonNode mail = Http.json(http.get(DevServer.MAIL_PATH));
        JsonNode newest = mail.get(mail.size() - 1);
        assertThat(newest.path("to").asText()).isEqualTo(email);
        assertThat(newest.path("subject").asText()).isNotBlank();
        assertThat(newest.path("text").asText()).contains("http://localhost:" + server.port());
        assertThat(newest.path("html").asText()).isNotBlank();
        assertThat(server.outbox().messages()).isNotEmpty();
    }

    @Test
    @DisplayName("each request is one log line: method, path, status, milliseconds; never the query, headers or body")
    void requestLog() throws InterruptedException {
        http.get("/v1/nowhere?token=secret-value", "Authorization", "Bearer secret-header");
        // the server writes the line after the response: the client can be faster
        java.util.regex.Pattern line = java.util.regex.Pattern.compile("(?m)^GET /v1/nowhere 404 \\d+ms$");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!line.matcher(LOG.toString(StandardCharsets.UTF_8)).find() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String log = LOG.toString(StandardCharsets.UTF_8);
        assertThat(log).containsPattern(line);
        assertThat(log).doesNotContain("secret-value").doesNotContain("secret-header");
    }
}
