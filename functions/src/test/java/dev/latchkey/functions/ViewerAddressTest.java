package dev.latchkey.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.functions.http.ClientAddresses;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.session.CreateSessionHandler;
import dev.latchkey.functions.session.ListSessionsHandler;
import dev.latchkey.functions.signup.ConfirmSignupHandler;
import dev.latchkey.functions.signup.SignupHandler;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.TestConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Behind CloudFront every request's sourceIp is an edge's (here 203.0.113.9, the one {@link Api#event} sets): with the
 * origin secret the per-IP limits and the sessions count viewers instead.
 */
@DisplayName("Behind CloudFront, the per-IP limits and sessions see the viewer's address")
class ViewerAddressTest {
    private static final String SECRET = "a-generated-secret-of-sixty-four-characters-0123456789ABCDEFGHIJ";
    private static final String PASSWORD = "correct horse battery staple";

    private final MutableClock clock = MutableClock.startingNow();
    private final LatchkeyComponent component = Wiring.build(TestConfig.withOriginSecret(
            TestConfig.forTable(DynamoDbLocal.shared().endpoint(), DynamoDbLocal.shared().createUniqueTable("viewer")), SECRET), clock);

    private static Map<String, String> through(String viewer) {
        return Map.of(ClientAddresses.ORIGIN_SECRET_HEADER, SECRET, ClientAddresses.VIEWER_ADDRESS_HEADER, viewer);
    }

    private static APIGatewayV2HTTPResponse post(HttpHandler handler, String path, String body, Map<String, String> headers) {
        return handler.handleRequest(Api.event("POST", path, body, headers), new LambdaContext("test", 1024, 15));
    }

    @Test
    @DisplayName("case=one viewer reaching the signup limit per IP leaves another viewer behind the same edge, and direct callers, unlimited")
    void perViewerLimits() {
        SignupHandler signup = new SignupHandler(component);
        int accepted = 0;
        int status = 202;
        while (status == 202 && accepted < 50) {
            status = post(signup, "/v1/signup", "{\"email\":\"v" + accepted + "@example.com\"}", through("198.51.100.10:40000")).getStatusCode();
            if (status == 202) {
                accepted++;
            }
        }
        assertThat(status).as("after %d signups from one viewer", accepted).isEqualTo(429);
        assertThat(accepted).isEqualTo(20);
        assertThat(post(signup, "/v1/signup", "{\"email\":\"other@example.com\"}", through("2001:db8::7:51000")).getStatusCode())
                .as("another viewer, same edge").isEqualTo(202);
        Map<String, String> forged = new HashMap<>(through("198.51.100.11:40000"));
        forged.put(ClientAddresses.ORIGIN_SECRET_HEADER, "not-the-secret-but-just-as-long-as-it-0123456789ABCDEFGHIJKLMNOPQ");
        assertThat(post(signup, "/v1/signup", "{\"email\":\"direct@example.com\"}", forged).getStatusCode())
                .as("a direct caller (counted as its sourceIp)").isEqualTo(202);
    }

    @Test
    @DisplayName("case=a session started through CloudFront records the viewer's address")
    void sessionRecordsTheViewer() {
        Map<String, String> viewer = through("198.51.100.23:50123");
        post(new SignupHandler(component), "/v1/signup", "{\"email\":\"ada@example.com\"}", viewer);
        String token = Mail.token(component.outbox().messages().getLast());
        assertThat(post(new ConfirmSignupHandler(component), "/v1/signup/confirm",
                "{\"token\":\"" + token + "\",\"password\":\"" + PASSWORD + "\"}", viewer).getStatusCode()).isEqualTo(201);
        APIGatewayV2HTTPResponse signedIn = post(new CreateSessionHandler(component), "/v1/sessions",
                "{\"email\":\"ada@example.com\",\"password\":\"" + PASSWORD + "\"}", through("2001:db8::23:443"));
        String session = Api.json(signedIn).at("/session/token").asText();
        APIGatewayV2HTTPResponse listed = new ListSessionsHandler(component).handleRequest(
                Api.event("GET", "/v1/sessions", null, Map.of("authorization", "Bearer " + session)), new LambdaContext("test", 1024, 15));
        assertThat(Api.json(listed).findValuesAsText("ip")).containsExactlyInAnyOrder("198.51.100.23", "2001:db8::23");
    }
}
