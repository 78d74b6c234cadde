package dev.latchkey.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import java.util.HashMap;
import java.util.Map;

/** Builds responses. Error statuses are decided here and nowhere else. */
public final class Responses {
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");

    private Responses() {
    }

    public static APIGatewayV2HTTPResponse json(int status, JsonObject body) {
        return response(status, "application/json", write(body), Map.of());
    }

    public static APIGatewayV2HTTPResponse problem(DomainError error) {
        int status = status(error.code());
        JsonObject body = problemBody(status, error.code().wireName(), error.detail());
        error.field().ifPresent(field -> body.put("field", field));
        Map<String, String> extra = new HashMap<>();
        if (error.code() == ErrorCode.UNAUTHENTICATED) {
            extra.put("www-authenticate", "Bearer error=\"invalid_token\"");
        }
        error.retryAfter().ifPresent(wait -> extra.put("retry-after", String.valueOf(Math.max(1, (wait.toMillis() + 999) / 1000))));
        return response(status, "application/problem+json", write(body), extra);
    }

    public static APIGatewayV2HTTPResponse noContent() {
        Map<String, String> headers = new HashMap<>(SECURITY_HEADERS);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(204).withHeaders(headers).withIsBase64Encoded(false).build();
    }

    public static APIGatewayV2HTTPResponse internalError() {
        return response(500, "application/problem+json",
                write(problemBody(500, "internal_error", "something went wrong on our side; try again later")), Map.of());
    }

    static int status(ErrorCode code) {
        return switch (code) {
            case INVALID_REQUEST, INVALID_TOKEN -> 400;
            case UNAUTHENTICATED, INVALID_CREDENTIALS, MFA_REQUIRED, INVALID_MFA_CODE -> 401;
            case FORBIDDEN, MFA_REQUIRED_FOR_ROLE, SESSION_REQUIRED, WRONG_CURRENT_PASSWORD, REAUTHENTICATION_REQUIRED -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT, MFA_REQUIRED_BY_APPLICATION -> 409;
            case UNSUPPORTED_MEDIA_TYPE -> 415;
            case RATE_LIMITED -> 429;
        };
    }

    private static JsonObject problemBody(int status, String code, String detail) {
        JsonObject body = new JsonObject();
        body.put("type", "about:blank");
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        return body;
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            default -> "Internal Server Error";
        };
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body, Map<String, String> extra) {
        Map<String, String> headers = new HashMap<>(SECURITY_HEADERS);
        headers.put("content-type", contentType);
        headers.putAll(extra);
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }

    private static String write(JsonObject body) {
        return Json.write(body);
    }
}
