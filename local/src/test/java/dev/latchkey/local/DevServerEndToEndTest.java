package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.mail.MailMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The "checked by" list, over real HTTP against the dev server running template.yaml. */
class DevServerEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static DevServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = DevServer.start(DevServerOptions.ephemeral()
                .withDynamoDb(DynamoDbLocal.shared().endpoint(), "e2e-" + UUID.randomUUID()));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private static List<String> linksTo(String email) throws Exception {
        JsonNode mail = json(http.get("/_local/mail"));
        List<String> tokens = new ArrayList<>();
        for (JsonNode m : mail) {
            if (m.get("to").asText().equals(email)) {
                Matcher matcher = TOKEN.matcher(m.get("text").asText());
                if (matcher.find()) {
                    tokens.add(matcher.group(1));
                }
            }
        }
        return tokens;
    }

    @Test
    @DisplayName("case=an authenticated request is one function invocation: the handler resolves the token itself, no authorizer runs")
    void oneInvocationPerRequest() throws Exception {
        String email = "once-" + UUID.randomUUID() + "@example.com";
        http.post("/v1/signup", "{\"email\":\"" + email + "\"}");
        String session = json(http.post("/v1/signup/confirm", "{\"token\":\"" + linksTo(email).getLast()
                + "\",\"password\":\"correct horse battery staple\"}")).at("/session/token").asText();
        assertThat(server.invocations()).doesNotContainKey("AuthorizerFunction");

        var before = server.invocations();
        assertThat(http.get("/v1/me", "Authorization", "Bearer " + session).statusCode()).isEqualTo(200);
        assertThat(http.get("/v1/me", "Authorization", "Bearer lk_s_not_a_token").statusCode()).isEqualTo(401);
        assertThat(http.get("/v1/sessions", "Authorization", "Bearer " + session).statusCode()).isEqualTo(200);
        var after = server.invocations();

        long total = after.values().stream().mapToLong(Long::longValue).sum() - before.values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).as("three requests").isEqualTo(3);
        assertThat(after.get("GetMeFunction") - before.get("GetMeFunction")).isEqualTo(2);
        assertThat(after.get("ListSessionsFunction") - before.get("ListSessionsFunction")).isEqualTo(1);
    }

    @Test
    @DisplayName("case=signup → mail → confirm → sign in → /v1/me; bad tokens 401; repeat signup identical with a notice")
    void walkingSkeleton() throws Exception {
        HttpResponse<String> accepted = http.post("/v1/signup",
                "{\"email\":\"ada@example.com\",\"name\":\"Ada\"}");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(json(accepted).get("status").asText()).isEqualTo("verification_sent");

        List<String> links = linksTo("ada@example.com");
        assertThat(links).hasSize(1);
        HttpResponse<String> confirmed = http.post("/v1/signup/confirm", "{\"token\":\"" + links.getFirst() + "\",\"password\":\"correct horse battery staple\"}");
        assertThat(confirmed.statusCode()).isEqualTo(201);
        assertThat(json(confirmed).at("/session/token").asText()).startsWith("lk_s_");
        assertThat(http.post("/v1/signup/confirm", "{\"token\":\"" + links.getFirst() + "\",\"password\":\"correct horse battery staple\"}").statusCode()).isEqualTo(400);

        HttpResponse<String> signedIn = http.post("/v1/sessions",
                "{\"email\":\"ada@example.com\",\"password\":\"correct horse battery staple\"}");
        assertThat(signedIn.statusCode()).isEqualTo(201);
        String token = json(signedIn).at("/session/token").asText();

        HttpResponse<String> me = http.get("/v1/me", "authorization", "Bearer " + token);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("email").asText()).isEqualTo("ada@example.com");
        assertThat(json(me).get("name").asText()).isEqualTo("Ada");

        assertThat(http.get("/v1/me").statusCode()).isEqualTo(401);
        String tampered = token.substring(0, 12) + (token.charAt(12) == 'A' ? 'B' : 'A') + token.substring(13);
        HttpResponse<String> rejected = http.get("/v1/me", "authorization", "Bearer " + tampered);
        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(rejected.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(json(rejected).get("code").asText()).isEqualTo("invalid_token");

        int mails = server.outbox().messages().size();
        HttpResponse<String> again = http.post("/v1/signup", "{\"email\":\"ada@example.com\"}");
        assertThat(again.statusCode()).isEqualTo(accepted.statusCode());
        assertThat(again.body()).isEqualTo(accepted.body());
        List<MailMessage> all = server.outbox().messages();
        assertThat(all).hasSize(mails + 1);
        assertThat(all.getLast().to()).isEqualTo("ada@example.com");
        assertThat(all.getLast().subject()).contains("tried to sign up");
    }

    @Test
    @DisplayName("race=two signups for one email over HTTP, both links confirmed at once: exactly one account")
    void racingSignups() throws Exception {
        List<HttpResponse<String>> signups = race(
                () -> http.post("/v1/signup", "{\"email\":\"race@example.com\"}"),
                () -> http.post("/v1/signup", "{\"email\":\"race@example.com\"}"));
        assertThat(signups).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
        assertThat(signups.get(0).body()).isEqualTo(signups.get(1).body());

        List<String> links = linksTo("race@example.com");
        assertThat(links).hasSize(2);
        List<HttpResponse<String>> confirms = race(
                () -> http.post("/v1/signup/confirm", "{\"token\":\"" + links.get(0) + "\",\"password\":\"correct horse battery staple\"}"),
                () -> http.post("/v1/signup/confirm", "{\"token\":\"" + links.get(1) + "\",\"password\":\"correct horse battery staple\"}"));
        assertThat(confirms).filteredOn(r -> r.statusCode() == 201).hasSize(1);
        assertThat(confirms).filteredOn(r -> r.statusCode() == 400).hasSize(1);
    }

    @SafeVarargs
    private static List<HttpResponse<String>> race(Supplier<HttpResponse<String>>... calls) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(calls.length)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (Supplier<HttpResponse<String>> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.get();
                }));
            }
            start.countDown();
            List<HttpResponse<String>> results = new ArrayList<>();
            for (Future<HttpResponse<String>> f : futures) {
                results.add(f.get());
            }
            return results;
        }
    }
}
