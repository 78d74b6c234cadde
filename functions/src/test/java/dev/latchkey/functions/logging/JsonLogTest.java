package dev.latchkey.functions.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.account.GetMeHandler;
import dev.latchkey.functions.auth.AuthorizerHandler;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.TestConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The functions' logs: one JSON object per line with the invocation's request id, exception classes without their
 * messages, and the level threshold from the environment (AWS_LAMBDA_LOG_LEVEL, else POWERTOOLS_LOG_LEVEL, else INFO).
 */
class JsonLogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "lk_s_SECRET-in-an-exception-message";

    private static LatchkeyComponent component;

    @BeforeAll
    static void wire() {
        component = Wiring.build(TestConfig.forTable(DynamoDbLocal.shared().endpoint(), "logging-test"),
                MutableClock.startingNow());
    }

    @Test
    @DisplayName("SLF4J finds this binding, and only it")
    void bindingIsOurs() {
        assertThat(LoggerFactory.getILoggerFactory()).isInstanceOf(JsonLogProvider.class);
        assertThat(LoggerFactory.getLogger("software.amazon.awssdk.request")).isInstanceOf(JsonLogger.class);
    }

    @Test
    @DisplayName("an invocation writes JSON lines carrying its request id and function name; init lines carry none")
    void invocationLinesCarryTheRequestId() {
        LambdaContext authorizerContext = new LambdaContext("AuthorizerFunction", 1024, 15);
        LambdaContext getMeContext = new LambdaContext("GetMeFunction", 1024, 15);
        Instant before = Instant.now();
        List<JsonNode> lines = capture(Map.of("AWS_LAMBDA_LOG_LEVEL", "INFO"), () -> {
            LoggerFactory.getLogger("dev.latchkey.functions.Init").info("outside an invocation");
            ByteArrayOutputStream decision = new ByteArrayOutputStream();
            try {
                new AuthorizerHandler(component).handleRequest(
                        new java.io.ByteArrayInputStream(dev.latchkey.functions.TestJson.MAPPER.writeValueAsBytes(authorizerEvent())),
                        decision, authorizerContext);
                assertThat(dev.latchkey.functions.TestJson.MAPPER.readTree(decision.toByteArray()).get("isAuthorized").asBoolean()).isFalse();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            APIGatewayV2HTTPResponse response = new GetMeHandler(component).handleRequest(event("GET", "/v1/me"), getMeContext);
            assertThat(response.getStatusCode()).isEqualTo(401);
        });

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0).has("AWSRequestId")).isFalse();
        JsonNode authorizer = lines.get(1);
        assertThat(authorizer.get("message").asText()).isEqualTo("authorizer: denied");
        assertThat(authorizer.get("AWSRequestId").asText()).isEqualTo(authorizerContext.getAwsRequestId());
        assertThat(authorizer.get("functionName").asText()).isEqualTo("AuthorizerFunction");
        assertThat(authorizer.get("logger").asText()).isEqualTo(AuthorizerHandler.class.getName());
        JsonNode getMe = lines.get(2);
        assertThat(getMe.get("message").asText()).isEqualTo("GET /v1/me -> 401");
        assertThat(getMe.get("level").asText()).isEqualTo("INFO");
        assertThat(getMe.get("logger").asText()).isEqualTo(HttpHandler.class.getName());
        assertThat(getMe.get("AWSRequestId").asText()).isEqualTo(getMeContext.getAwsRequestId());
        assertThat(getMe.get("functionName").asText()).isEqualTo("GetMeFunction");
        assertThat(getMe.get("service").asText()).isEqualTo("latchkey");
        Instant stamped = Instant.parse(getMe.get("timestamp").asText());
        assertThat(stamped).isBetween(before.minusMillis(1), Instant.now());
        assertThat(getMe.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");

        // the response's metric, as embedded metric format: CloudWatch makes a metric of the line
        JsonNode metric = lines.get(3);
        JsonNode directive = metric.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("Latchkey");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(directive.get("Metrics").get(0).get("Name").asText()).isEqualTo("Responses4xx");
        assertThat(directive.get("Metrics").get(0).get("Unit").asText()).isEqualTo("Count");
        assertThat(Instant.ofEpochMilli(metric.get("_aws").get("Timestamp").asLong())).isBetween(before.minusMillis(1), Instant.now());
        assertThat(metric.get("Service").asText()).isEqualTo("latchkey");
        assertThat(metric.get("Responses4xx").asInt()).isEqualTo(1);
        assertThat(metric.get("function_request_id").asText()).isEqualTo(getMeContext.getAwsRequestId());
    }

    @Test
    @DisplayName("an unhandled exception logs its class and stack, never its message (nor its cause's)")
    void errorsLogClassAndStackWithoutMessage() {
        HttpHandler failing = new Failing();
        LambdaContext context = new LambdaContext("FailingFunction", 1024, 15);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        List<JsonNode> lines = capture(Map.of(), raw, () ->
                assertThat(failing.handleRequest(event("POST", "/v1/fail"), context).getStatusCode()).isEqualTo(500));

        assertThat(raw.toString(StandardCharsets.UTF_8)).doesNotContain("SECRET");
        JsonNode error = lines.stream().filter(line -> line.get("level").asText().equals("ERROR")).findFirst().orElseThrow();
        assertThat(error.get("message").asText()).isEqualTo("unhandled java.lang.IllegalStateException in Failing");
        assertThat(error.get("AWSRequestId").asText()).isEqualTo(context.getAwsRequestId());
        assertThat(error.has("errorType")).isTrue();
        assertThat(error.get("stackTrace").isArray()).isTrue();
        assertThat(error.get("stackTrace").get(0).asText()).contains(Failing.class.getName() + ".handle(");
    }

    @Test
    @DisplayName("a throwable argument, trailing or not, gives its class only; causes are named by class")
    void throwableArgumentsNeverGiveTheirMessages() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Logger log = LoggerFactory.getLogger("dev.latchkey.test");
        List<JsonNode> lines = capture(Map.of(), raw, () -> {
            log.warn("failed: {}", new IllegalStateException(SECRET, new IOException(SECRET)));
            log.warn("{} then {}", new IllegalArgumentException(SECRET), "later");
        });

        assertThat(raw.toString(StandardCharsets.UTF_8)).doesNotContain("SECRET");
        JsonNode trailing = lines.get(0);
        assertThat(trailing.get("message").asText()).isEqualTo("failed: {}");
        assertThat(trailing.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        List<String> frames = new ArrayList<>();
        trailing.get("stackTrace").forEach(frame -> frames.add(frame.asText()));
        assertThat(frames).contains("Caused by: java.io.IOException");
        assertThat(frames.getLast()).matches("\\.\\.\\. \\d+ more");
        JsonNode inner = lines.get(1);
        assertThat(inner.get("message").asText()).isEqualTo("java.lang.IllegalArgumentException then later");
        assertThat(inner.has("errorType")).isFalse();
    }

    @Test
    @DisplayName("the threshold: AWS_LAMBDA_LOG_LEVEL, else POWERTOOLS_LOG_LEVEL, else INFO; other loggers WARN at most")
    void levelThresholdIsHonoured() {
        Logger app = LoggerFactory.getLogger("dev.latchkey.test.Levels");
        Logger sdk = LoggerFactory.getLogger("software.amazon.awssdk.request");
        Runnable everyLevel = () -> {
            app.debug("app debug");
            app.info("app info");
            app.warn("app warn");
            sdk.debug("sdk debug");
            sdk.info("sdk info");
            sdk.warn("sdk warn");
            sdk.error("sdk error");
        };

        assertThat(messages(capture(Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN", "POWERTOOLS_LOG_LEVEL", "DEBUG"), everyLevel)))
                .containsExactly("app warn", "sdk warn", "sdk error");
        assertThat(messages(capture(Map.of("POWERTOOLS_LOG_LEVEL", "debug"), everyLevel)))
                .containsExactly("app debug", "app info", "app warn", "sdk warn", "sdk error");
        assertThat(messages(capture(Map.of(), everyLevel)))
                .containsExactly("app info", "app warn", "sdk warn", "sdk error");
        assertThat(messages(capture(Map.of("AWS_LAMBDA_LOG_LEVEL", "ERROR"), everyLevel))).containsExactly("sdk error");
        assertThat(messages(capture(Map.of("AWS_LAMBDA_LOG_LEVEL", "FATAL"), everyLevel))).isEmpty();
        assertThat(messages(capture(Map.of("AWS_LAMBDA_LOG_LEVEL", "loud"), everyLevel)))
                .containsExactly("app info", "app warn", "sdk warn", "sdk error");

        List<JsonNode> levels = capture(Map.of("AWS_LAMBDA_LOG_LEVEL", "WARN"), () -> {
            assertThat(app.isInfoEnabled()).isFalse();
            assertThat(app.isWarnEnabled()).isTrue();
            app.atInfo().log("fluent info");
            app.atError().log("fluent error");
        });
        assertThat(messages(levels)).containsExactly("fluent error");
        assertThat(levels.getFirst().get("level").asText()).isEqualTo("ERROR");
    }

    @Test
    @DisplayName("a message with quotes, backslashes, newlines and control characters stays one line of valid JSON")
    void escaping() {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        String tricky = "line one\nline \"two\"\t\\ \u0001 é ✓";
        List<JsonNode> lines = capture(Map.of(), raw,
                () -> LoggerFactory.getLogger("dev.latchkey.test").info("{}", tricky));

        assertThat(raw.toString(StandardCharsets.UTF_8).split("\n", -1)).hasSize(2);
        assertThat(lines.getFirst().get("message").asText()).isEqualTo(tricky);
    }

    @Test
    @DisplayName("timestamps are RFC 3339 UTC with milliseconds, as Instant writes them")
    void timestamps() {
        // the epoch, around it, a leap day (2000-02-29T00:00:00.123Z), a late 2026 instant, the last millisecond of 9999
        for (long millis : new long[] {0L, 1L, -1L, 951_782_400_123L, 1_796_186_103_581L, 253_402_300_799_999L}) {
            StringBuilder line = new StringBuilder();
            JsonLine.appendTimestamp(line, millis);
            assertThat(Instant.parse(line)).isEqualTo(Instant.ofEpochMilli(millis));
            assertThat(line).hasSize("2000-01-01T00:00:00.000Z".length());
        }
    }

    private static final class Failing extends HttpHandler {
        @Override
        protected APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
            throw new IllegalStateException(SECRET, new IOException(SECRET));
        }
    }

    private static List<String> messages(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("message").asText()).toList();
    }

    private static List<JsonNode> capture(Map<String, String> env, Runnable action) {
        return capture(env, new ByteArrayOutputStream(), action);
    }

    /** Runs {@code action} with the settings {@code env} gives, writing into {@code raw}; returns the lines as JSON. */
    private static List<JsonNode> capture(Map<String, String> env, ByteArrayOutputStream raw, Runnable action) {
        LogSettings before = JsonLogProvider.install(LogSettings.from(env).withOut(new PrintStream(raw, true, StandardCharsets.UTF_8)));
        try {
            action.run();
        } finally {
            JsonLogProvider.install(before);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : raw.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isEmpty()) {
                try {
                    JsonNode node = JSON.readTree(line);
                    assertThat(node.isObject()).as(line).isTrue();
                    lines.add(node);
                } catch (IOException e) {
                    throw new UncheckedIOException("not one JSON object: " + line, e);
                }
            }
        }
        return lines;
    }

    private static APIGatewayV2HTTPEvent event(String method, String path) {
        return APIGatewayV2HTTPEvent.builder()
                .withRawPath(path)
                .withHeaders(Map.of())
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).withPath(path).build())
                        .build())
                .build();
    }

    private static APIGatewayV2CustomAuthorizerEvent authorizerEvent() {
        return APIGatewayV2CustomAuthorizerEvent.builder().withHeaders(Map.of()).build();
    }
}
