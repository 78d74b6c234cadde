package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.latchkey.devkit.DynamoDbLocal;

/** The server's API Gateway emulation, through real HTTP, with the fixture handlers. */
@DisplayName("The dev server's API Gateway emulation")
class DevServerMechanicsTest {
    private static DevServer server;
    private static Http http;

    @BeforeAll
    static void start() throws URISyntaxException {
        Path template = Path.of(DevServerMechanicsTest.class.getResource("/fixture-template.yaml").toURI());
        server = DevServer.start(DevServerOptions.ephemeral()
                .withTemplate(template)
                .withDynamoDb(DynamoDbLocal.shared().endpoint(), "fixture-" + UUID.randomUUID())
                .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        http = new Http(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @DisplayName("the handler gets a v2 event: lower-cased headers, routeKey, pathParameters, query, cookies, body")
    void eventReachesTheHandler() {
        HttpResponse<String> response = http.send(http.request("/items/a%20b?x=1&x=2&y=%C3%A9")
                .header("X-Mixed-Case", "Value")
                .header("Cookie", "c1=v1; c2=v2")
                .header("User-Agent", "latchkey-test")
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"hello\":\"world\"}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = Http.json(response);
        assertThat(echo.path("version").asText()).isEqualTo("2.0");
        assertThat(echo.path("routeKey").asText()).isEqualTo("ANY /items/{id}");
        assertThat(echo.path("contextRouteKey").asText()).isEqualTo("ANY /items/{id}");
        assertThat(echo.path("rawPath").asText()).isEqualTo("/items/a%20b");
        assertThat(echo.path("rawQueryString").asText()).isEqualTo("x=1&x=2&y=%C3%A9");
        assertThat(echo.path("pathParameters").path("id").asText()).isEqualTo("a b");
        assertThat(echo.path("queryStringParameters").path("x").asText()).isEqualTo("1,2");
        assertThat(echo.path("queryStringParameters").path("y").asText()).isEqualTo("é");
        assertThat(echo.path("headers").path("x-mixed-case").asText()).isEqualTo("Value");
        assertThat(echo.path("headers").has("X-Mixed-Case")).isFalse();
        assertThat(echo.path("headers").has("cookie")).isFalse();
        assertThat(echo.path("cookies")).extracting(JsonNode::asText).containsExactly("c1=v1", "c2=v2");
        assertThat(echo.path("body").asText()).isEqualTo("{\"hello\":\"world\"}");
        assertThat(echo.path("isBase64Encoded").asBoolean()).isFalse();
        assertThat(echo.path("method").asText()).isEqualTo("PUT");
        assertThat(echo.path("path").asText()).isEqualTo("/items/a%20b");
        assertThat(echo.path("sourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(echo.path("userAgent").asText()).isEqualTo("latchkey-test");
        assertThat(echo.path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(echo.path("stage").asText()).isEqualTo("$default");
        assertThat(echo.path("requestId").asText()).isNotBlank();
        assertThat(echo.path("time").asText()).matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(echo.path("timeEpoch").asLong()).isPositive();
        assertThat(echo.path("authorizer").isNull()).isTrue();
        assertThat(echo.path("functionName").asText()).isEqualTo("EchoFunction");
        assertThat(echo.path("memoryLimitInMB").asInt()).isEqualTo(256);

        assertThat(response.headers().firstValue("x-echo")).contains("yes");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("a=1; Path=/", "b=2; Path=/");
        assertThat(response.headers().firstValue("apigw-requestid")).contains(echo.path("requestId").asText());
    }

    @Test
    @DisplayName("a binary request body arrives base64-encoded")
    void binaryRequestBody() {
        byte[] bytes = {0, (byte) 0xff, 1, (byte) 0xfe};
        HttpResponse<String> response = http.send(http.request("/items/1")
                .header("content-type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build());
        JsonNode echo = Http.json(response);
        assertThat(echo.path("isBase64Encoded").asBoolean()).isTrue();
        assertThat(java.util.Base64.getDecoder().decode(echo.path("body").asText())).isEqualTo(bytes);
    }

    @Test
    @DisplayName("a literal route beats a {param} route; a greedy {path+} takes the rest of the path")
    void routeSelection() {
        JsonNode plain = Http.json(http.get("/items/special"));
        assertThat(plain.path("plain").asBoolean()).isTrue();
        assertThat(plain.path("routeKey").asText()).isEqualTo("GET /items/special");

        JsonNode files = Http.json(http.get("/files/a/b/c.txt"));
        assertThat(files.path("routeKey").asText()).isEqualTo("GET /files/{path+}");
        assertThat(files.path("pathParameters").path("path").asText()).isEqualTo("a/b/c.txt");

        assertThat(http.get("/files/").statusCode()).isEqualTo(200);
        assertThat(http.get("/files").statusCode()).isEqualTo(404);
        assertThat(http.send(http.request("/binary").DELETE().build()).statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("a base64 response body reaches the client decoded, with the handler's status")
    void binaryResponse() {
        HttpResponse<byte[]> response = http.sendForBytes(http.request("/binary").GET().build());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("content-type")).contains("application/octet-stream");
        assertThat(response.body()).hasSize(256);
        assertThat(response.body()[255]).isEqualTo((byte) 255);
    }

    @Test
    @DisplayName("a handler that throws is 500 {\"message\":\"Internal Server Error\"}")
    void handlerFailure() {
        HttpResponse<String> response = http.get("/binary/fail");
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    @DisplayName("no Authorization header: 401 without calling the authorizer")
    void noIdentity() {
        HttpResponse<String> response = http.get("/private/items/7");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
    }

    @Test
    @DisplayName("isAuthorized true: the authorizer's context is requestContext.authorizer.lambda")
    void authorized() {
        HttpResponse<String> response = http.get("/private/items/7", "Authorization", "Bearer allow");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode echo = Http.json(response);
        JsonNode lambda = echo.path("authorizer");
        assertThat(lambda.path("userId").asText()).isEqualTo("usr_1");
        assertThat(lambda.path("type").asText()).isEqualTo("REQUEST");
        assertThat(lambda.path("routeArn").asText())
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/private/items/7");
        assertThat(lambda.path("authorizerRouteKey").asText()).isEqualTo("GET /private/items/{id}");
        assertThat(lambda.path("authorizerHeader").asText()).isEqualTo("Bearer allow");
        assertThat(lambda.path("authorizerFunction").asText()).isEqualTo("FixtureAuthorizerFunction");
        assertThat(echo.path("pathParameters").path("id").asText()).isEqualTo("7");
    }

    @Test
    @DisplayName("isAuthorized false: 403 {\"message\":\"Forbidden\"}")
    void denied() {
        HttpResponse<String> response = http.get("/private/items/7", "Authorization", "Bearer deny");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"message\":\"Forbidden\"}");
    }

    @Test
    @DisplayName("an authorizer that throws, or answers without isAuthorized: 500")
    void authorizerFailure() {
        for (String credential : new String[] {"Bearer boom", "Bearer shapeless"}) {
            HttpResponse<String> response = http.get("/private/items/7", "Authorization", credential);
            assertThat(response.statusCode()).isEqualTo(500);
            assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
        }
    }
}
