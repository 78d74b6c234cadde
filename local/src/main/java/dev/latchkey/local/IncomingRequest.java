package dev.latchkey.local;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as it reached the dev server, before API Gateway's treatment.
 *
 * @param rawPath  the path as sent, still percent-encoded
 * @param rawQuery the query string as sent, without '?', or "" when there is none
 * @param headers  header name (any case) to its values, in arrival order
 */
public record IncomingRequest(
        String method,
        String rawPath,
        String rawQuery,
        Map<String, List<String>> headers,
        byte[] body,
        String sourceIp,
        String protocol) {

    public IncomingRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }

    /** All values of a header, any case, in order. */
    public List<String> header(String name) {
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }
}
