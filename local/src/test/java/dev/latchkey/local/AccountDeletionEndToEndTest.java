package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Issue 12's deletion, checked as its "checked by" says, over HTTP against the dev server: a user with sessions, API
 * keys, MFA, an owned application with a member and a pending invitation and a membership elsewhere deletes the
 * account; every token is 401 at once; the dev server feeds the profile's REMOVE from DynamoDB Local's stream to
 * CleanupFunction, and within seconds a scan finds nothing that names the user; the other application keeps its
 * other members; the address signs up again as a new user.
 */
@DisplayName("account deletion end to end through the dev server and the table's stream")
class AccountDeletionEndToEndTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final DefaultCodeGenerator APP = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
    private static final MfaEndToEndTest.MovableClock CLOCK = new MfaEndToEndTest.MovableClock();
    private static DevServer server;
    private static Http http;
    private static String table;

    @BeforeAll
    static void start() {
        table = "delete-e2e-" + UUID.randomUUID();
        server = DevServer.start(DevServerOptions.ephemeral().withDynamoDb(DynamoDbLocal.shared().endpoint(), table).withClock(CLOCK));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> call(String method, String path, String body, String token) {
        return http.call(method, path, body, token);
    }

    private static String code(String secret) throws Exception {
        return APP.generate(secret, Math.floorDiv(CLOCK.instant().getEpochSecond(), 30));
    }

    private static List<Map<String, AttributeValue>> scan() {
        return DynamoDbLocal.shared().client().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().stream().toList();
    }

    private static boolean names(Map<String, AttributeValue> item, String userId, String email, String username) {
        Set<String> keyed = Set.of("EMAIL#" + email, "USERNAME#" + username, "LIMIT#signin-account#" + Hashes.sha256(email));
        return keyed.contains(item.get("pk").s()) || item.values().stream().anyMatch(v -> v.s() != null
                && (v.s().contains(userId) || v.s().contains(email) || v.s().equals(username)));
    }

    @Test
    @DisplayName("case=delete → every token 401 at once → the stream-fed clean-up leaves nothing naming the user → the other app keeps its members → the address signs up again")
    void deleteAndCleanUp() throws Exception {
        String email = "grace.delete@example.com";
        call("POST", "/v1/signup", "{\"email\":\"" + email + "\",\"username\":\"grace-delete\"}", null);
        HttpResponse<String> confirmed = call("POST", "/v1/signup/confirm", "{\"token\":\"" + http.lastLinkTo(email)
                + "\",\"password\":\"" + PASSWORD + "\"}", null);
        String grace = Http.json(confirmed).at("/session/token").asText();
        String graceId = Http.json(confirmed).at("/user/id").asText();
        String second = Http.json(call("POST", "/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}", null))
                .at("/session/token").asText();
        String key = Http.json(call("POST", "/v1/me/api-keys", "{\"name\":\"ci\"}", grace)).get("key").asText();
        String secret = Http.json(call("POST", "/v1/me/mfa/totp", null, grace)).get("secret").asText();
        assertThat(call("POST", "/v1/me/mfa/totp/verify", "{\"code\":\"" + code(secret) + "\",\"password\":\"" + PASSWORD + "\"}", grace)
                .statusCode()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(30));

        String linus = http.signUp("linus.delete@example.com", PASSWORD);
        String linusId = Http.json(call("GET", "/v1/me", null, linus)).get("id").asText();
        String owned = Http.json(call("POST", "/v1/applications", "{\"name\":\"Grace's\"}", grace)).get("id").asText();
        call("POST", "/v1/applications/" + owned + "/invitations", "{\"email\":\"linus.delete@example.com\",\"role\":\"developer\"}", grace);
        assertThat(call("POST", "/v1/invitations/accept", "{\"token\":\"" + http.lastLinkTo("linus.delete@example.com") + "\"}", linus)
                .statusCode()).isEqualTo(201);
        call("POST", "/v1/applications/" + owned + "/invitations", "{\"email\":\"someone.else@example.com\",\"role\":\"observer\"}", grace);
        String linuses = Http.json(call("POST", "/v1/applications", "{\"name\":\"Linus's\"}", linus)).get("id").asText();
        call("POST", "/v1/applications/" + linuses + "/invitations", "{\"email\":\"" + email + "\",\"role\":\"operator\"}", linus);
        assertThat(call("POST", "/v1/invitations/accept", "{\"token\":\"" + http.lastLinkTo(email) + "\"}", grace).statusCode()).isEqualTo(201);

        JsonNode preview = Http.json(call("GET", "/v1/me/deletion", null, grace));
        assertThat(preview.at("/ownedApplications/0/name").asText()).isEqualTo("Grace's");
        assertThat(preview.at("/ownedApplications/0/memberCount").asInt()).isEqualTo(2);
        assertThat(scan().stream().filter(i -> names(i, graceId, email, "grace-delete")).count()).isGreaterThan(15);

        // wrong password, an API key, no code: refused, nothing deleted
        assertThat(call("DELETE", "/v1/me", "{\"password\":\"wrong password here\",\"mfaCode\":\"" + code(secret) + "\"}", grace).statusCode()).isEqualTo(403);
        assertThat(call("DELETE", "/v1/me", "{\"password\":\"" + PASSWORD + "\"}", key).statusCode()).isEqualTo(403);
        HttpResponse<String> noCode = call("DELETE", "/v1/me", "{\"password\":\"" + PASSWORD + "\"}", grace);
        assertThat(noCode.statusCode()).isEqualTo(401);
        assertThat(Http.json(noCode).get("code").asText()).isEqualTo("mfa_required");
        assertThat(call("GET", "/v1/me", null, grace).statusCode()).isEqualTo(200);

        long deliveredBefore = server.streamRecordsDelivered();
        HttpResponse<String> deleted = call("DELETE", "/v1/me", "{\"password\":\"" + PASSWORD + "\",\"mfaCode\":\"" + code(secret) + "\"}", grace);
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(202);
        for (String token : List.of(grace, second, key)) {
            assertThat(call("GET", "/v1/me", null, token).statusCode()).as("every token, at once").isEqualTo(401);
        }

        Instant deadline = Instant.now().plusSeconds(20);
        List<Map<String, AttributeValue>> left;
        do {
            Thread.sleep(200); // waits for the dev server's stream poller (another thread), not for time to pass in a test clock
            left = scan().stream().filter(i -> names(i, graceId, email, "grace-delete")).toList();
        } while (!left.isEmpty() && Instant.now().isBefore(deadline));
        assertThat(left.stream().map(i -> i.get("pk").s() + " / " + i.get("sk").s()).toList()).as("items naming the user").isEmpty();
        assertThat(server.streamRecordsDelivered()).isGreaterThan(deliveredBefore);

        JsonNode members = Http.json(call("GET", "/v1/applications/" + linuses + "/members", null, linus));
        assertThat(members.get("members")).hasSize(1);
        assertThat(members.at("/members/0/userId").asText()).isEqualTo(linusId);
        assertThat(call("GET", "/v1/applications/" + owned, null, linus).statusCode()).as("the owned application went").isEqualTo(404);
        assertThat(http.lastLinkTo("linus.delete@example.com")).isNotNull();

        String again = http.signUp(email, PASSWORD + " anew");
        JsonNode me = Http.json(call("GET", "/v1/me", null, again));
        assertThat(me.get("id").asText()).isNotEqualTo(graceId);
        assertThat(me.get("mfaEnabled").asBoolean()).isFalse();
        assertThat(Http.json(call("GET", "/v1/applications", null, again)).get("applications")).isEmpty();
        assertThat(Http.json(call("GET", "/v1/me/api-keys", null, again)).get("apiKeys")).isEmpty();
    }
}
