package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.latchkey.devkit.SamTemplate.HttpRoute;

@DisplayName("API Gateway's events and response mapping (payload 2.0)")
class ApiGatewayTest {
    private static final HttpRoute ROUTE = new HttpRoute("GET", "/v1/users/{id}", true);
    private static final Instant NOW = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    /** API Gateway's requestContext.time: day/month/year:time offset, English month names, UTC. */
    private static final String NOW_CLF = java.time.format.DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", java.util.Locale.ENGLISH)
            .withZone(java.time.ZoneOffset.UTC).format(NOW);

    private static IncomingRequest request() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Authorization", List.of("Bearer lk_s_x"));
        headers.put("X-Forwarded-For", List.of("10.0.0.1", "10.0.0.2"));
        headers.put("Cookie", List.of("a=1; b=2"));
        headers.put("Host", List.of("localhost:3000"));
        headers.put("User-Agent", List.of("curl/8"));
        return new IncomingRequest("GET", "/v1/users/u%2B1", "q=a+b&q=c", headers, new byte[0], "127.0.0.1",
                "HTTP/1.1");
    }

    private static <T> T typed(ObjectNode event, Class<T> type) {
        return type.cast(LambdaFunction.serializerFor(type, ApiGatewayTest.class.getClassLoader())
                .fromJson(new ByteArrayInputStream(event.toString().getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    @DisplayName("the HTTP event deserializes into APIGatewayV2HTTPEvent with lower-cased headers, routeKey and pathParameters")
    void httpEvent() {
        ObjectNode json = ApiGateway.httpEvent(request(), ROUTE, Map.of("id", "u+1"), "req-1", NOW,
                Optional.of(objectNode("userId", "usr_1")));
        APIGatewayV2HTTPEvent event = typed(json, APIGatewayV2HTTPEvent.class);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("GET /v1/users/{id}");
        assertThat(event.getRawPath()).isEqualTo("/v1/users/u%2B1");
        assertThat(event.getRawQueryString()).isEqualTo("q=a+b&q=c");
        assertThat(event.getHeaders()).containsEntry("authorization", "Bearer lk_s_x")
                .containsEntry("x-forwarded-for", "10.0.0.1,10.0.0.2")
                .containsEntry("host", "localhost:3000")
                .doesNotContainKeys("Authorization", "cookie");
        assertThat(event.getHeaders().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(event.getCookies()).containsExactly("a=1", "b=2");
        assertThat(event.getQueryStringParameters()).containsEntry("q", "a b,c");
        assertThat(event.getPathParameters()).containsEntry("id", "u+1");
        assertThat(event.getBody()).isNull();
        assertThat(event.getIsBase64Encoded()).isFalse();

        var context = event.getRequestContext();
        assertThat(context.getRouteKey()).isEqualTo("GET /v1/users/{id}");
        assertThat(context.getStage()).isEqualTo("$default");
        assertThat(context.getRequestId()).isEqualTo("req-1");
        assertThat(context.getTime()).isEqualTo(NOW_CLF).endsWith(" +0000").matches("\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000");
        assertThat(context.getTimeEpoch()).isEqualTo(NOW.toEpochMilli());
        assertThat(context.getDomainName()).isEqualTo("localhost:3000");
        assertThat(context.getHttp().getMethod()).isEqualTo("GET");
        assertThat(context.getHttp().getPath()).isEqualTo("/v1/users/u%2B1");
        assertThat(context.getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.getHttp().getUserAgent()).isEqualTo("curl/8");
        assertThat(context.getAuthorizer().getLambda()).containsEntry("userId", "usr_1");
    }

    @Test
    @DisplayName("the authorizer event deserializes into APIGatewayV2CustomAuthorizerEvent (REQUEST, identitySource, routeArn)")
    void authorizerEvent() {
        ObjectNode json = ApiGateway.authorizerEvent(request(), ROUTE, Map.of("id", "u+1"), List.of("Authorization"),
                "req-1", NOW);
        APIGatewayV2CustomAuthorizerEvent event = typed(json, APIGatewayV2CustomAuthorizerEvent.class);

        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getType()).isEqualTo("REQUEST");
        assertThat(event.getIdentitySource()).containsExactly("Bearer lk_s_x");
        assertThat(event.getRouteKey()).isEqualTo("GET /v1/users/{id}");
        assertThat(event.getRouteArn())
                .isEqualTo("arn:aws:execute-api:us-east-1:123456789012:local/$default/GET/v1/users/u%2B1");
        assertThat(event.getHeaders()).containsEntry("authorization", "Bearer lk_s_x");
        assertThat(event.getPathParameters()).containsEntry("id", "u+1");
        assertThat(event.getRequestContext().getRequestId()).isEqualTo("req-1");
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("GET");
        assertThat(event.getRequestContext().getTimeEpoch().toEpochMilli()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    @DisplayName("the identity source is missing when the header is absent or blank")
    void identity() {
        assertThat(ApiGateway.hasIdentity(request(), List.of("Authorization"))).isTrue();
        IncomingRequest blank = new IncomingRequest("GET", "/", "", Map.of("authorization", List.of("")), null,
                "127.0.0.1", "HTTP/1.1");
        assertThat(ApiGateway.hasIdentity(blank, List.of("Authorization"))).isFalse();
        IncomingRequest none = new IncomingRequest("GET", "/", "", Map.of(), null, "127.0.0.1", "HTTP/1.1");
        assertThat(ApiGateway.hasIdentity(none, List.of("Authorization"))).isFalse();
        assertThat(ApiGateway.hasIdentity(none, List.of())).isTrue();
    }

    @Test
    @DisplayName("a structured response keeps status, headers and cookies; a base64 body is decoded")
    void structuredResponse() {
        String output = """
                {"statusCode":201,"headers":{"Content-Type":"text/plain","X-A":"1"},"cookies":["s=1; Secure"],
                 "body":"aGk=","isBase64Encoded":true,"multiValueHeaders":null}""";
        var response = ApiGateway.httpResponse(output.getBytes(StandardCharsets.UTF_8), "r");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.headers()).contains(Map.entry("content-type", "text/plain"), Map.entry("x-a", "1"),
                Map.entry("set-cookie", "s=1; Secure"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
    }

    @Test
    @DisplayName("a response without statusCode is a 200 application/json body")
    void plainResponse() {
        var response = ApiGateway.httpResponse("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "r");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).contains(Map.entry("content-type", "application/json"));
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    private static ObjectNode objectNode(String name, String value) {
        return Json.MAPPER.createObjectNode().put(name, value);
    }
}
