package dev.latchkey.functions;

import dev.latchkey.functions.session.CreateSessionHandler;
import dev.latchkey.functions.signup.ConfirmSignupHandler;
import dev.latchkey.functions.signup.SignupHandler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.testing.TableScan;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad body gets a 400 naming the field, and nothing is written or sent. */
class StrictInputTest {
    private static Api api;
    private static Map<String, HttpHandler> handlers;

    @BeforeAll
    static void handlers() {
        api = new Api("strict");
        handlers = Map.of(
                "/v1/signup", new SignupHandler(api.component),
                "/v1/signup/confirm", new ConfirmSignupHandler(api.component),
                "/v1/sessions", new CreateSessionHandler(api.component));
    }

    static Stream<Arguments> badBodies() {
        String pw = "\"password\":\"correct horse battery staple\"";
        String token = "\"token\":\"" + "A".repeat(43) + "\"";
        return Stream.of(
                Arguments.of("/v1/signup", null, "body"),
                Arguments.of("/v1/signup", "", "body"),
                Arguments.of("/v1/signup", "{", "body"),
                Arguments.of("/v1/signup", "[]", "body"),
                Arguments.of("/v1/signup", "\"text\"", "body"),
                Arguments.of("/v1/signup", "null", "body"),
                Arguments.of("/v1/signup", "{} {}", "body"),
                Arguments.of("/v1/signup", "{\"email\":" + "[".repeat(40) + "]".repeat(40) + "}", "body"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\",\"name\":1e999}", "name"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}", "body"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\",\"admin\":true}", "admin"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\"," + pw + "}", "password"),
                Arguments.of("/v1/signup", "{\"name\":\"Ada\"}", "email"),
                Arguments.of("/v1/signup", "{\"email\":42}", "email"),
                Arguments.of("/v1/signup", "{\"email\":null}", "email"),
                Arguments.of("/v1/signup", "{\"email\":[\"a@example.com\"]}", "email"),
                Arguments.of("/v1/signup", "{\"email\":\"" + "a".repeat(400) + "@example.com\"}", "email"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\",\"name\":null}", "name"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\",\"name\":\"\\ud800 lone\"}", "name"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\",\"name\":\"with \\u0000 nul\"}", "name"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\",\"username\":\"Not Valid\"}", "username"),
                Arguments.of("/v1/signup", "{\"email\":\"a@example.com\",\"name\":\"" + "x".repeat(20_000) + "\"}", "body"),
                Arguments.of("/v1/signup/confirm", "{" + pw + "}", "token"),
                Arguments.of("/v1/signup/confirm", "{\"token\":true," + pw + "}", "token"),
                Arguments.of("/v1/signup/confirm", "{\"token\":\"short\"," + pw + "}", "token"),
                Arguments.of("/v1/signup/confirm", "{\"token\":{\"$ne\":null}," + pw + "}", "token"),
                Arguments.of("/v1/signup/confirm", "{" + token + "}", "password"),
                Arguments.of("/v1/signup/confirm", "{" + token + ",\"password\":\"\\ud800 lone surrogate\"}", "password"),
                Arguments.of("/v1/signup/confirm", "{" + token + ",\"password\":\"with \\u0000 nul inside\"}", "password"),
                Arguments.of("/v1/signup/confirm", "{" + token + ",\"password\":\"" + "p".repeat(2000) + "\"}", "password"),
                Arguments.of("/v1/sessions", "{\"email\":\"a@example.com\"}", "password"),
                Arguments.of("/v1/sessions", "{\"email\":\"a@example.com\",\"password\":1}", "password"),
                Arguments.of("/v1/sessions", "{\"email\":\"a@example.com\"," + pw + ",\"mfaCode\":123456}", "mfaCode"),
                Arguments.of("/v1/sessions", "{\"email\":\"a@example.com\"," + pw + ",\"recoveryCode\":[\"x\"]}", "recoveryCode"),
                Arguments.of("/v1/sessions", "{\"email\":\"a@example.com\"," + pw + ",\"mfa\":\"123456\"}", "mfa"),
                Arguments.of("/v1/sessions", "{\"email\":\"nope\"," + pw + "}", "email"));
    }

    @ParameterizedTest(name = "case={0} with {1} → 400 naming {2}")
    @MethodSource("badBodies")
    void refusesBadBodies(String path, String body, String field) {
        int items = TableScan.items(api.table).size();
        int mails = api.component.outbox().messages().size();
        APIGatewayV2HTTPResponse response = Api.post(handlers.get(path), path, body);
        assertProblem(response, field);
        assertThat(TableScan.items(api.table)).hasSize(items);
        assertThat(api.component.outbox().messages()).hasSize(mails);
    }

    @ParameterizedTest(name = "case=base64 body on {0}: invalid UTF-8 and invalid base64 are 400s")
    @MethodSource("paths")
    void refusesBadEncodings(String path) {
        for (String encoded : new String[] {
                Base64.getEncoder().encodeToString(new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}),
                "%%%not-base64%%%"}) {
            APIGatewayV2HTTPEvent event = Api.event("POST", path, encoded, Map.of());
            event.setIsBase64Encoded(true);
            assertProblem(handlers.get(path).handleRequest(event, new LambdaContext("test", 1024, 15)), "body");
        }
        APIGatewayV2HTTPEvent ok = Api.event("POST", path,
                Base64.getEncoder().encodeToString("{\"unknownField\":1}".getBytes(StandardCharsets.UTF_8)), Map.of());
        ok.setIsBase64Encoded(true);
        assertProblem(handlers.get(path).handleRequest(ok, new LambdaContext("test", 1024, 15)), "unknownField");
    }

    @ParameterizedTest(name = "case=content-type \"{1}\" on {0} → 415, nothing written or sent")
    @MethodSource("nonJsonContentTypes")
    void refusesBodiesThatAreNotJson(String path, String contentType) {
        int items = TableScan.items(api.table).size();
        int mails = api.component.outbox().messages().size();
        APIGatewayV2HTTPEvent event = Api.event("POST", path,
                "{\"email\":\"form@example.com\",\"password\":\"correct horse battery staple\",\"token\":\"x\"}", Map.of());
        if (contentType == null) {
            event.getHeaders().remove("content-type");
        } else {
            event.getHeaders().put("content-type", contentType);
        }
        APIGatewayV2HTTPResponse response = handlers.get(path).handleRequest(event, new LambdaContext("test", 1024, 15));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(415);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("unsupported_media_type");
        assertThat(problem.get("field").asText()).isEqualTo("content-type");
        assertThat(TableScan.items(api.table)).hasSize(items);
        assertThat(api.component.outbox().messages()).hasSize(mails);
    }

    static Stream<Arguments> nonJsonContentTypes() {
        return paths().flatMap(path -> Stream.of("text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonp", "", null).map(type -> Arguments.of(path, type)));
    }

    @ParameterizedTest(name = "case=content-type \"{0}\" is JSON")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"application/json", "application/json; charset=utf-8", "Application/JSON"})
    void acceptsJsonContentTypes(String contentType) {
        APIGatewayV2HTTPEvent event = Api.event("POST", "/v1/signup/confirm", "{\"token\":\"short\",\"password\":\"correct horse battery staple\"}",
                Map.of("content-type", contentType));
        assertProblem(handlers.get("/v1/signup/confirm").handleRequest(event, new LambdaContext("test", 1024, 15)), "token");
    }

    static Stream<String> paths() {
        return Stream.of("/v1/signup", "/v1/signup/confirm", "/v1/sessions");
    }

    private static void assertProblem(APIGatewayV2HTTPResponse response, String field) {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/problem+json");
        JsonNode problem = Api.json(response);
        assertThat(problem.get("code").asText()).isEqualTo("invalid_request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(problem.get("detail").asText()).contains(field.equals("body") ? "body" : field);
    }
}
