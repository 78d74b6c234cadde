package dev.latchkey.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP API (payload 2.0) events in and responses out, read and written with the one {@link Json#MAPPER}
 * as trees and copied field by field: no reflection over the event classes and none of the Lambda
 * runtime's serializers, which cost about 400 ms to build at a cold start. Only what API Gateway
 * sends and the handlers read is copied.
 */
public final class ApiGatewayEvents {
    private ApiGatewayEvents() {
    }

    public static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        JsonNode json = Json.MAPPER.readTree(input);
        if (json == null || !json.isObject()) {
            throw new IOException("the event is not a JSON object");
        }
        JsonNode context = json.path("requestContext");
        JsonNode http = context.path("http");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(json, "version"))
                .withRouteKey(text(json, "routeKey"))
                .withRawPath(text(json, "rawPath"))
                .withRawQueryString(text(json, "rawQueryString"))
                .withHeaders(strings(json.path("headers")))
                .withQueryStringParameters(strings(json.path("queryStringParameters")))
                .withPathParameters(strings(json.path("pathParameters")))
                .withBody(text(json, "body"))
                .withIsBase64Encoded(json.path("isBase64Encoded").asBoolean(false))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(text(context, "routeKey"))
                        .withAccountId(text(context, "accountId"))
                        .withApiId(text(context, "apiId"))
                        .withDomainName(text(context, "domainName"))
                        .withRequestId(text(context, "requestId"))
                        .withStage(text(context, "stage"))
                        .withTime(text(context, "time"))
                        .withTimeEpoch(context.path("timeEpoch").asLong(0))
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(text(http, "method"))
                                .withPath(text(http, "path"))
                                .withProtocol(text(http, "protocol"))
                                .withSourceIp(text(http, "sourceIp"))
                                .withUserAgent(text(http, "userAgent"))
                                .build())
                        .build())
                .build();
    }

    public static void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("statusCode", response.getStatusCode());
        ObjectNode headers = json.putObject("headers");
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::put);
        }
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        Json.MAPPER.writeValue(output, json);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, String> strings(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        Map<String, String> map = new HashMap<>();
        node.properties().forEach(e -> map.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return map;
    }
}
