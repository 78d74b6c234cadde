package dev.latchkey.local;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.devkit.SamTemplate.HttpRoute;

/**
 * What API Gateway (HTTP API, payload format 2.0) does around a Lambda integration: the event it
 * sends the authorizer and the function, and how it reads a function's response.
 */
public final class ApiGateway {
    public static final String API_ID = "local";
    public static final String STAGE = "$default";

    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** API Gateway's own answers, with the bodies it sends. */
    public record GatewayError(int status, String message) {
        public static final GatewayError NOT_FOUND = new GatewayError(404, "Not Found");
        public static final GatewayError UNAUTHORIZED = new GatewayError(401, "Unauthorized");
        public static final GatewayError FORBIDDEN = new GatewayError(403, "Forbidden");
        public static final GatewayError TOO_LARGE = new GatewayError(413, "Request Entity Too Large");
        public static final GatewayError INTERNAL = new GatewayError(500, "Internal Server Error");

        public byte[] body() {
            return Json.MAPPER.createObjectNode().put("message", message).toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** An HTTP response to write back to the client. {@code headers} may repeat a name (Set-Cookie). */
    public record OutgoingResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {}

    private ApiGateway() {
    }

    /** "B2nlQmR2oAMEVrg=": the shape of API Gateway's request ids. */
    public static String newRequestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The APIGatewayV2HTTPEvent (payload 2.0) for a request that matched {@code route}. */
    public static ObjectNode httpEvent(IncomingRequest request, HttpRoute route, Map<String, String> pathParameters,
            String requestId, Instant now, Optional<JsonNode> authorizerContext) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        common(event, request, pathParameters);

        ObjectNode context = requestContext(request, route, requestId, now);
        authorizerContext.ifPresent(lambda -> context.putObject("authorizer").set("lambda", lambda));
        event.set("requestContext", context);

        if (request.body().length > 0) {
            boolean text = isText(request);
            event.put("body", text
                    ? new String(request.body(), StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    /** The APIGatewayV2CustomAuthorizerEvent (payload 2.0, type REQUEST) for the same request. */
    public static ObjectNode authorizerEvent(IncomingRequest request, HttpRoute route,
            Map<String, String> pathParameters, List<String> identityHeaders, String requestId, Instant now) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("type", "REQUEST");
        event.put("routeArn", "arn:aws:execute-api:" + LambdaContext.REGION + ":" + LambdaContext.ACCOUNT_ID + ":"
                + API_ID + "/" + STAGE + "/" + request.method() + request.rawPath());
        ArrayNode identitySource = event.putArray("identitySource");
        identityHeaders.forEach(name -> identitySource.add(String.join(",", request.header(name))));
        event.put("routeKey", route.routeKey());
        common(event, request, pathParameters);
        event.set("requestContext", requestContext(request, route, requestId, now));
        return event;
    }

    /** API Gateway calls the authorizer only when every identity source is present and not empty. */
    public static boolean hasIdentity(IncomingRequest request, List<String> identityHeaders) {
        return identityHeaders.stream()
                .allMatch(name -> request.header(name).stream().anyMatch(value -> !value.isBlank()));
    }

    /**
     * Reads a function's response as HTTP API does for payload 2.0: an object with {@code statusCode}
     * is a structured response; any other valid JSON is a 200 application/json body.
     */
    public static OutgoingResponse httpResponse(byte[] functionOutput, String requestId) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode output;
        try {
            output = Json.MAPPER.readTree(functionOutput);
        } catch (java.io.IOException e) {
            output = null;
        }
        if (output == null || !output.isObject() || !output.has("statusCode")) {
            if (output == null) {
                return error(GatewayError.INTERNAL, requestId);
            }
            headers.add(Map.entry("content-type", "application/json"));
            headers.add(Map.entry("apigw-requestid", requestId));
            return new OutgoingResponse(200, headers, functionOutput);
        }
        int status = output.path("statusCode").asInt(0);
        if (status < 100 || status > 599) {
            return error(GatewayError.INTERNAL, requestId);
        }
        output.path("headers").properties().forEach(header -> {
            if (!header.getValue().isNull()) {
                headers.add(Map.entry(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText()));
            }
        });
        output.path("multiValueHeaders").properties().forEach(header -> header.getValue().forEach(value ->
                headers.add(Map.entry(header.getKey().toLowerCase(Locale.ROOT), value.asText()))));
        output.path("cookies").forEach(cookie -> headers.add(Map.entry("set-cookie", cookie.asText())));
        headers.add(Map.entry("apigw-requestid", requestId));
        JsonNode body = output.path("body");
        byte[] bytes;
        if (body.isMissingNode() || body.isNull()) {
            bytes = new byte[0];
        } else if (output.path("isBase64Encoded").asBoolean(false)) {
            try {
                bytes = Base64.getDecoder().decode(body.asText());
            } catch (IllegalArgumentException notBase64) {
                return error(GatewayError.INTERNAL, requestId);
            }
        } else {
            bytes = (body.isTextual() ? body.asText() : body.toString()).getBytes(StandardCharsets.UTF_8);
        }
        return new OutgoingResponse(status, headers, bytes);
    }

    public static OutgoingResponse error(GatewayError error, String requestId) {
        return new OutgoingResponse(error.status(),
                List.of(Map.entry("content-type", "application/json"), Map.entry("apigw-requestid", requestId)),
                error.body());
    }

    // ------------------------------------------------------------------ parts of both events

    private static void common(ObjectNode event, IncomingRequest request, Map<String, String> pathParameters) {
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());

        List<String> cookies = cookies(request);
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode headers = event.putObject("headers");
        lowerCasedHeaders(request).forEach(headers::put);

        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode parameters = event.putObject("queryStringParameters");
            query.forEach(parameters::put);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
    }

    private static ObjectNode requestContext(IncomingRequest request, HttpRoute route, String requestId, Instant now) {
        String domainName = request.header("host").stream().findFirst().orElse("localhost");
        ObjectNode context = Json.MAPPER.createObjectNode();
        context.put("accountId", LambdaContext.ACCOUNT_ID);
        context.put("apiId", API_ID);
        context.put("domainName", domainName);
        context.put("domainPrefix", domainName.split("[.:]", 2)[0]);
        ObjectNode http = context.putObject("http");
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", String.join(",", request.header("user-agent")));
        context.put("requestId", requestId);
        context.put("routeKey", route.routeKey());
        context.put("stage", STAGE);
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        return context;
    }

    /** Lower-cased names; repeated headers joined with commas; the Cookie header moves to "cookies". */
    static Map<String, String> lowerCasedHeaders(IncomingRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie") || values.isEmpty()) {
                return;
            }
            headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
        });
        return headers;
    }

    static List<String> cookies(IncomingRequest request) {
        List<String> cookies = new ArrayList<>();
        for (String header : request.header("cookie")) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.strip());
                }
            }
        }
        return cookies;
    }

    /** Decoded names and values; a repeated name's values joined with commas. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQuery(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /**
     * Text bodies reach the function as they are; anything else base64-encoded. Text: text/*, JSON,
     * XML, JavaScript, or no content type and valid UTF-8.
     */
    static boolean isText(IncomingRequest request) {
        Optional<String> contentType = request.header("content-type").stream().findFirst()
                .map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT));
        if (contentType.isEmpty()) {
            return isUtf8(request.body());
        }
        String type = contentType.get();
        return type.startsWith("text/")
                || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/javascript") || type.equals("application/graphql");
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
