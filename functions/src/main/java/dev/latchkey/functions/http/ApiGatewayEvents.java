package dev.latchkey.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * HTTP API (payload 2.0) events in and responses out, read and written with {@link Json}
 * as trees and copied field by field: no reflection over the event classes and none of the Lambda
 * runtime's serializers, which cost about 400 ms to build at a cold start. Only what API Gateway
 * sends and the handlers read is copied.
 */
public final class ApiGatewayEvents {
    private ApiGatewayEvents() {
    }

    public static APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        if (!(Json.parse(input) instanceof JsonObject json)) {
            throw new IOException("the event is not a JSON object");
        }
        JsonObject context = object(json, "requestContext");
        JsonObject http = object(context, "http");
        return APIGatewayV2HTTPEvent.builder()
                .withVersion(text(json, "version"))
                .withRouteKey(text(json, "routeKey"))
                .withRawPath(text(json, "rawPath"))
                .withRawQueryString(text(json, "rawQueryString"))
                .withHeaders(strings(json.get("headers")))
                .withQueryStringParameters(strings(json.get("queryStringParameters")))
                .withPathParameters(strings(json.get("pathParameters")))
                .withBody(text(json, "body"))
                .withIsBase64Encoded(Boolean.TRUE.equals(json.get("isBase64Encoded")))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(text(context, "routeKey"))
                        .withAccountId(text(context, "accountId"))
                        .withApiId(text(context, "apiId"))
                        .withDomainName(text(context, "domainName"))
                        .withRequestId(text(context, "requestId"))
                        .withStage(text(context, "stage"))
                        .withTime(text(context, "time"))
                        .withTimeEpoch(context.get("timeEpoch") instanceof Number n ? n.longValue() : 0)
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
        JsonObject json = new JsonObject().put("statusCode", response.getStatusCode());
        JsonObject headers = new JsonObject();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach(headers::put);
        }
        json.put("headers", headers);
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        Json.write(json, output);
    }

    /** The object at {@code field}, or an empty one (absent, null or not an object). */
    static JsonObject object(JsonObject node, String field) {
        return node.get(field) instanceof JsonObject child ? child : new JsonObject();
    }

    private static String text(JsonObject node, String field) {
        Object value = node.get(field);
        return value == null || value == Json.NULL ? null : String.valueOf(value);
    }

    private static Map<String, String> strings(Object node) {
        if (!(node instanceof JsonObject object)) {
            return null;
        }
        Map<String, String> map = new HashMap<>();
        for (String name : object.names()) {
            map.put(name, text(object, name));
        }
        return map;
    }
}
