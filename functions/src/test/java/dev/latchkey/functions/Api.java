package dev.latchkey.functions;

import dev.latchkey.functions.auth.AuthorizerHandler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.TestJson;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.TestConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Handler tests' view of the API: a component over a fresh table, and real API Gateway v2 events
 * built the way API Gateway builds them.
 */
final class Api {
    final MutableClock clock = MutableClock.startingNow();
    final String table;
    final LatchkeyComponent component;
    final AuthorizerHandler authorizer;

    Api(String tablePrefix) {
        DynamoDbLocal dynamo = DynamoDbLocal.shared();
        this.table = dynamo.createUniqueTable(tablePrefix);
        this.component = Wiring.build(TestConfig.forTable(dynamo.endpoint(), table), clock);
        this.authorizer = new AuthorizerHandler(component);
    }

    static APIGatewayV2HTTPEvent event(String method, String path, String body, Map<String, String> headers) {
        Instant now = Instant.now();
        Map<String, String> lower = new HashMap<>();
        lower.put("content-type", "application/json");
        lower.put("user-agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15");
        headers.forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(lower)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAccountId("123456789012")
                        .withApiId("api")
                        .withDomainName("api.latchkey.test")
                        .withRequestId("req-" + now.toEpochMilli())
                        .withRouteKey(method + " " + path)
                        .withStage("$default")
                        .withTimeEpoch(now.toEpochMilli())
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("203.0.113.9")
                                .withUserAgent(lower.get("user-agent"))
                                .build())
                        .build())
                .build();
    }

    static APIGatewayV2HTTPResponse post(HttpHandler handler, String path, String body) {
        return handler.handleRequest(event("POST", path, body, Map.of()), new LambdaContext("test", 1024, 15));
    }

    /** Calls an authenticated handler the way API Gateway does: the Authorization header reaches it as sent. */
    APIGatewayV2HTTPResponse authorized(HttpHandler handler, String method, String path, String authorization) {
        APIGatewayV2HTTPEvent event = event(method, path, null, authorization == null ? Map.of() : Map.of("authorization", authorization));
        return handler.handleRequest(event, new LambdaContext("test", 1024, 15));
    }

    /** The exported authorizer's answer for a request to {@code routeKey} of another API. */
    Map<String, Object> authorize(String authorization, String routeKey) {
        APIGatewayV2CustomAuthorizerEvent event = APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0")
                .withType("REQUEST")
                .withRouteArn("arn:aws:execute-api:us-east-1:123456789012:api/$default/" + routeKey.replace(' ', '/'))
                .withRouteKey(routeKey)
                .withIdentitySource(authorization == null ? List.of() : List.of(authorization))
                .withHeaders(authorization == null ? Map.of() : Map.of("authorization", authorization))
                .build();
        return stream(authorizer, event);
    }

    /** Sends {@code event} as JSON through a stream handler, the way Lambda does, and reads its answer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> stream(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, Object event) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            handler.handleRequest(new java.io.ByteArrayInputStream(TestJson.MAPPER.writeValueAsBytes(event)), out,
                    new LambdaContext("test", 1024, 15));
            return TestJson.MAPPER.readValue(out.toByteArray(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(APIGatewayV2HTTPResponse response) {
        try {
            return TestJson.MAPPER.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A DynamoDB stream batch with one REMOVE of a profile item, as Lambda delivers it (strings, numbers, booleans). */
    static String profileRemoved(Map<String, AttributeValue> oldImage, String sequenceNumber) {
        StringBuilder image = new StringBuilder("{");
        oldImage.forEach((name, value) -> {
            if (image.length() > 1) {
                image.append(',');
            }
            String json = value.s() != null ? "{\"S\":\"" + value.s().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}"
                    : value.n() != null ? "{\"N\":\"" + value.n() + "\"}" : "{\"BOOL\":" + value.bool() + "}";
            image.append('"').append(name).append("\":").append(json);
        });
        image.append('}');
        return "{\"Records\":[{\"eventID\":\"e1\",\"eventName\":\"REMOVE\",\"eventSource\":\"aws:dynamodb\",\"dynamodb\":{"
                + "\"Keys\":{\"pk\":{\"S\":\"" + oldImage.get("pk").s() + "\"},\"sk\":{\"S\":\"PROFILE\"}},\"OldImage\":" + image
                + ",\"SequenceNumber\":\"" + sequenceNumber + "\",\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}]}";
    }
}
