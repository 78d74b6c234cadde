package dev.latchkey.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.latchkey.functions.logging.Metrics;
import dev.latchkey.functions.logging.RequestLog;

/**
 * Base of every HTTP handler, a {@link RequestStreamHandler}: structured logging with the request id ({@link RequestLog}),
 * one metric per response flushed per invocation, and the single place where a {@link DomainError}
 * becomes problem+json and anything else a 500 that reveals nothing.
 */
public abstract class HttpHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpHandler.class);
    private static final boolean METRICS = !"off".equals(System.getProperty("latchkey.metrics"));

    /**
     * What Lambda calls: the event read and the response written with the one ObjectMapper
     * ({@link ApiGatewayEvents}), so the runtime builds no serializers at init.
     */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ApiGatewayEvents.write(handleRequest(ApiGatewayEvents.read(input), context), output);
    }

    /** The same for an event already in hand (tests). */
    public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return RequestLog.withContext(context, () -> {
            APIGatewayV2HTTPResponse response = respond(event);
            LOG.info("{} {} -> {}", method(event), path(event), response.getStatusCode());
            record(response.getStatusCode());
            return response;
        });
    }

    private APIGatewayV2HTTPResponse respond(APIGatewayV2HTTPEvent event) {
        try {
            return handle(event);
        } catch (DomainError e) {
            return Responses.problem(e);
        } catch (RuntimeException e) {
            // The exception's class and stack only: messages of lower layers are not vetted for secrets.
            LOG.error("unhandled {} in {}", e.getClass().getName(), getClass().getSimpleName(), e);
            return Responses.internalError();
        }
    }

    protected abstract APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event);

    /**
     * The request's JSON object. The content type must be {@code application/json} (parameters such
     * as {@code charset} allowed): a form or {@code text/plain} post is one a cross-site page can send
     * without a CORS preflight, so it is refused with 415 before the body is read.
     */
    protected static RequestBody body(APIGatewayV2HTTPEvent event, Set<String> allowedFields) {
        requireJson(header(event, "content-type"));
        return RequestBody.parse(event.getBody(), event.getIsBase64Encoded(), allowedFields);
    }

    /** Routes without a body accept none, or an empty JSON object; anything else is a 400. */
    protected static void noBody(APIGatewayV2HTTPEvent event) {
        if (event.getBody() != null && !event.getBody().isEmpty()) {
            requireJson(header(event, "content-type"));
            RequestBody.parseEmpty(event.getBody(), event.getIsBase64Encoded());
        }
    }

    static void requireJson(String contentType) {
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip();
        if (!mediaType.equalsIgnoreCase("application/json")) {
            throw DomainError.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "content-type",
                    "the body must be application/json" + (mediaType.isEmpty() ? " (no content-type was sent)" : ""));
        }
    }

    protected static String header(APIGatewayV2HTTPEvent event, String lowerCaseName) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String value = headers.get(lowerCaseName);
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(lowerCaseName)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static void record(int status) {
        if (!METRICS) {
            return;
        }
        Metrics.count("Responses" + (status / 100) + "xx");
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getHttp() == null
                ? "?" : event.getRequestContext().getHttp().getMethod();
    }

    private static String path(APIGatewayV2HTTPEvent event) {
        return event.getRawPath() == null ? "?" : event.getRawPath();
    }
}
