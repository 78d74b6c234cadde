package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's "checked by" list over HTTP against the dev server running template.yaml: Ada, Bob (invited before he
 * has an account) and Carol; permissions, the MFA requirement, the last-owner guard, the transfer, racing accepts.
 * Every response is checked against docs/openapi.yaml ({@link Http}); the functions' clock is one the test moves.
 */
@DisplayName("applications end to end through the dev server")
class ApplicationsEndToEndTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final DefaultCodeGenerator APP = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
    private static final MfaEndToEndTest.MovableClock CLOCK = new MfaEndToEndTest.MovableClock();
    private static DevServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = DevServer.start(DevServerOptions.ephemeral().withDynamoDb(DynamoDbLocal.shared().endpoint(), "apps-e2e-" + UUID.randomUUID())
                .withClock(CLOCK));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String token) {
        return http.call(method, path, body, token);
    }

    private static String account(String email) {
        return http.signUp(email, PASSWORD);
    }

    private static String code(String secret) throws Exception {
        return APP.generate(secret, Math.floorDiv(CLOCK.instant().getEpochSecond(), 30));
    }

    /** MFA on for the session's account; answers the secret. The clock ends a step past the code used. */
    private static String enableMfa(String token) throws Exception {
        String secret = Http.json(call("POST", "/v1/me/mfa/totp", null, token)).get("secret").asText();
        HttpResponse<String> verified = call("POST", "/v1/me/mfa/totp/verify",
                "{\"code\":\"" + code(secret) + "\",\"password\":\"" + PASSWORD + "\"}", token);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(30));
        return secret;
    }

    private static String problem(HttpResponse<String> response) {
        return Http.json(response).get("code").asText();
    }

    private static String userId(String token) {
        return Http.json(call("GET", "/v1/me", null, token)).get("id").asText();
    }

    @Test
    @DisplayName("case=Ada creates, invites Bob before he signs up, Bob accepts; permissions, Carol, MFA by role, last-owner guard, transfer, leave")
    void checkedBy() throws Exception {
        String ada = account("ada@apps-e2e.example.com");
        HttpResponse<String> created = call("POST", "/v1/applications", "{\"name\":\"Greenhouse\"}", ada);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String appId = Http.json(created).get("id").asText();
        String app = "/v1/applications/" + appId;
        assertThat(Http.json(created).get("role").asText()).isEqualTo("owner");

        HttpResponse<String> invited = call("POST", app + "/invitations", "{\"email\":\"bob@apps-e2e.example.com\",\"role\":\"operator\"}", ada);
        assertThat(invited.statusCode()).as(invited.body()).isEqualTo(202);
        String bobToken = http.lastLinkTo("bob@apps-e2e.example.com");

        String bob = account("bob@apps-e2e.example.com");
        JsonNode mine = Http.json(call("GET", "/v1/me/invitations", null, bob));
        assertThat(mine.at("/invitations/0/applicationName").asText()).isEqualTo("Greenhouse");
        assertThat(mine.at("/invitations/0/role").asText()).isEqualTo("operator");

        String carol = account("carol@apps-e2e.example.com");
        HttpResponse<String> stolen = call("POST", "/v1/invitations/accept", "{\"token\":\"" + bobToken + "\"}", carol);
        assertThat(stolen.statusCode()).isEqualTo(403);
        assertThat(call("GET", app, null, carol).statusCode()).isEqualTo(404);

        HttpResponse<String> accepted = call("POST", "/v1/invitations/accept", "{\"token\":\"" + bobToken + "\"}", bob);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(201);
        assertThat(Http.json(accepted).get("memberCount").asInt()).isEqualTo(2);
        assertThat(Http.json(call("GET", "/v1/applications", null, ada)).at("/applications/0/role").asText()).isEqualTo("owner");
        assertThat(Http.json(call("GET", "/v1/applications", null, bob)).at("/applications/0/role").asText()).isEqualTo("operator");
        assertThat(StreamSupport.stream(Http.json(call("GET", app, null, bob)).get("permissions").spliterator(), false)
                .map(JsonNode::asText).toList()).containsExactly("application:read", "application:leave", "members:read");

        HttpResponse<String> bobInvites = call("POST", app + "/invitations", "{\"email\":\"dan@apps-e2e.example.com\",\"role\":\"observer\"}", bob);
        assertThat(bobInvites.statusCode()).isEqualTo(403);
        assertThat(problem(bobInvites)).isEqualTo("forbidden");
        assertThat(Http.json(bobInvites).get("detail").asText()).contains("members:invite");
        HttpResponse<String> bobRenames = call("PATCH", app, "{\"name\":\"Mine\"}", bob);
        assertThat(bobRenames.statusCode()).isEqualTo(403);
        assertThat(Http.json(bobRenames).get("detail").asText()).contains("application:rename");

        // the MFA requirement: Ada needs MFA to set it; the preview names Bob; then Bob is refused until he turns it on
        String requirement = "{\"mfaRequiredRoles\":[\"owner\",\"developer\",\"operator\"]}";
        assertThat(call("PATCH", app, requirement, ada).statusCode()).isEqualTo(409);
        String adaSecret = enableMfa(ada);
        String bobId = userId(bob);
        JsonNode preview = Http.json(call("GET", app + "/members?mfaRequiredRoles=owner,developer,operator", null, ada));
        assertThat(preview.at("/mfaPreview/wouldBeBlocked/0").asText()).isEqualTo(bobId);
        HttpResponse<String> set = call("PATCH", app, requirement, ada);
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        HttpResponse<String> refused = call("GET", app, null, bob);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(problem(refused)).isEqualTo("mfa_required_by_application");
        assertThat(Http.json(call("GET", "/v1/applications", null, bob)).at("/applications/0/blockedByMfa").asBoolean()).isTrue();
        enableMfa(bob);
        assertThat(call("GET", app, null, bob).statusCode()).isEqualTo(200);
        HttpResponse<String> keepIt = call("DELETE", "/v1/me/mfa/totp", "{\"password\":\"" + PASSWORD + "\",\"code\":\"123456\"}", bob);
        assertThat(keepIt.statusCode()).isEqualTo(409);
        assertThat(problem(keepIt)).isEqualTo("mfa_required_by_application");
        assertThat(Http.json(keepIt).get("detail").asText()).contains("Greenhouse (operator)");

        // the last-owner guard, then the transfer (with Ada's code) and Ada leaving
        String adaId = userId(ada);
        assertThat(call("DELETE", app + "/members/" + adaId, null, ada).statusCode()).isEqualTo(409);
        assertThat(call("PATCH", app + "/members/" + adaId, "{\"role\":\"developer\"}", ada).statusCode()).isEqualTo(409);
        HttpResponse<String> noCode = call("POST", app + "/owner", "{\"userId\":\"" + bobId + "\"}", ada);
        assertThat(noCode.statusCode()).isEqualTo(401);
        assertThat(problem(noCode)).isEqualTo("mfa_required");
        HttpResponse<String> transferred = call("POST", app + "/owner", "{\"userId\":\"" + bobId + "\",\"mfaCode\":\"" + code(adaSecret) + "\"}", ada);
        assertThat(transferred.statusCode()).as(transferred.body()).isEqualTo(200);
        assertThat(Http.json(transferred).get("role").asText()).isEqualTo("developer");
        assertThat(Http.json(call("GET", app, null, bob)).get("role").asText()).isEqualTo("owner");
        assertThat(call("DELETE", app + "/members/" + adaId, null, ada).statusCode()).isEqualTo(204);
        assertThat(call("GET", app, null, ada).statusCode()).isEqualTo(404);
        assertThat(Http.json(call("GET", app + "/members", null, bob)).get("members")).hasSize(1);
    }

    @Test
    @DisplayName("case=racing accepts over HTTP make one membership; bad input is a 400 naming the field, a wrong content type 415")
    void racesAndInput() throws Exception {
        String owner = account("owner@apps-race.example.com");
        String appId = Http.json(call("POST", "/v1/applications", "{\"name\":\"Race\"}", owner)).get("id").asText();
        String app = "/v1/applications/" + appId;
        String invitee = account("invitee@apps-race.example.com");
        assertThat(call("POST", app + "/invitations", "{\"email\":\"invitee@apps-race.example.com\",\"role\":\"observer\"}", owner).statusCode()).isEqualTo(202);
        String token = http.lastLinkTo("invitee@apps-race.example.com");
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call("POST", "/v1/invitations/accept", "{\"token\":\"" + token + "\"}", invitee).statusCode();
                }));
            }
            go.countDown();
            for (Future<Integer> f : futures) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsOnlyOnce(201).allMatch(s -> s == 201 || s == 400 || s == 409);
        assertThat(Http.json(call("GET", app + "/members", null, owner)).get("members")).hasSize(2);

        HttpResponse<String> badRole = call("POST", app + "/invitations", "{\"email\":\"x@apps-race.example.com\",\"role\":\"admin\"}", owner);
        assertThat(badRole.statusCode()).isEqualTo(400);
        assertThat(Http.json(badRole).get("field").asText()).isEqualTo("role");
        HttpResponse<String> badRoles = call("PATCH", app, "{\"mfaRequiredRoles\":\"owner\"}", owner);
        assertThat(badRoles.statusCode()).isEqualTo(400);
        assertThat(Http.json(badRoles).get("field").asText()).isEqualTo("mfaRequiredRoles");
        HttpResponse<String> longName = call("POST", "/v1/applications", "{\"name\":\"" + "x".repeat(101) + "\"}", owner);
        assertThat(Http.json(longName).get("field").asText()).isEqualTo("name");
        HttpResponse<String> form = http.send(http.request("/v1/applications").header("authorization", "Bearer " + owner)
                .header("content-type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("name=x")).build());
        assertThat(form.statusCode()).isEqualTo(415);

        // an API key acts for its user on applications, but cannot transfer ownership
        String key = Http.json(call("POST", "/v1/me/api-keys", "{\"name\":\"ci\"}", owner)).get("key").asText();
        assertThat(call("GET", app, null, key).statusCode()).isEqualTo(200);
        HttpResponse<String> byKey = call("POST", app + "/owner", "{\"userId\":\"" + userId(invitee) + "\"}", key);
        assertThat(byKey.statusCode()).isEqualTo(403);
        assertThat(problem(byKey)).isEqualTo("session_required");
        assertThat(call("DELETE", app, null, owner).statusCode()).isEqualTo(204);
        assertThat(call("GET", app, null, invitee).statusCode()).isEqualTo(404);
    }
}
