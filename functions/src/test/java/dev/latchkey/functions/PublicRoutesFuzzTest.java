package dev.latchkey.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.devkit.SamTemplate;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.TestJson;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.testing.TableScan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * Coverage-guided fuzzing of every public route of template.yaml with Jazzer: bodies, content
 * types and base64 flags chosen by the fuzzer. Never a 5xx, and a refused request (400, 415)
 * writes nothing. {@code ./mvnw verify} replays the committed corpus
 * ({@code src/test/resources/.../PublicRoutesFuzzTestInputs}); {@code .ci/run} also fuzzes each target
 * for a bounded time ({@code JAZZER_FUZZ=1}).
 */
class PublicRoutesFuzzTest {
    private static final String[] FIELDS = {"email", "password", "name", "username", "token", "mfaCode", "recoveryCode",
            "revokeApiKeys", "", "__proto__"};
    private static final String[] CONTENT_TYPES = {"application/json", "application/json; charset=utf-8", "APPLICATION/JSON",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonx", ""};
    private static Api api;
    private static final List<Map.Entry<String, HttpHandler>> ROUTES = new ArrayList<>();

    @BeforeAll
    static void handlers() throws Exception {
        api = new Api("fuzz");
        for (SamTemplate.FunctionDef function : SamTemplate.load(SamTemplate.locate()).functions()) {
            for (SamTemplate.HttpRoute route : function.routes()) {
                if (!route.usesAuthorizer()) {
                    HttpHandler handler = (HttpHandler) Class.forName(function.handlerClass())
                            .getConstructor(LatchkeyComponent.class).newInstance(api.component);
                    ROUTES.add(Map.entry(route.path(), handler));
                }
            }
        }
        assertThat(ROUTES).hasSizeGreaterThanOrEqualTo(3);
    }

    @FuzzTest(maxDuration = "60s")
    void publicRoutesNeverFailNorWriteOnRefusal(FuzzedDataProvider data) {
        Map.Entry<String, HttpHandler> route = data.pickValue(ROUTES);
        String contentType = data.pickValue(CONTENT_TYPES);
        boolean base64 = data.consumeBoolean();
        String body = data.consumeBoolean() ? object(data) : data.consumeRemainingAsString();
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", contentType);
        APIGatewayV2HTTPEvent event = Api.event("POST", route.getKey(), body, headers);
        event.setIsBase64Encoded(base64);

        int before = TableScan.items(api.table).hashCode();
        APIGatewayV2HTTPResponse response = route.getValue().handleRequest(event, new LambdaContext("test", 1024, 15));

        assertThat(response.getStatusCode()).as("%s %s", route.getKey(), body).isBetween(200, 499);
        if (response.getStatusCode() == 400 || response.getStatusCode() == 415) {
            assertThat(TableScan.items(api.table).hashCode()).as("a refused %s wrote to the table", route.getKey()).isEqualTo(before);
        }
    }

    /** A JSON object of known and unknown fields with values of any JSON type, sometimes cut short. */
    private static String object(FuzzedDataProvider data) {
        StringBuilder out = new StringBuilder("{");
        int members = data.consumeInt(0, 5);
        for (int i = 0; i < members; i++) {
            if (i > 0) {
                out.append(',');
            }
            String name = data.consumeBoolean() ? data.pickValue(FIELDS) : data.consumeString(12);
            out.append(quote(name)).append(':');
            switch (data.consumeInt(0, 4)) {
                case 0 -> out.append(quote(data.consumeString(200)));
                case 1 -> out.append(data.consumeLong());
                case 2 -> out.append(data.pickValue(new String[] {"true", "false", "null", "[]", "{}", "1e309", "-0",
                        "\"\\ud800\"", "\"\\u0000\"", "\"a@b.co\""}));
                case 3 -> out.append(quote(data.consumeAsciiString(80)));
                default -> out.append(data.consumeAsciiString(20));
            }
        }
        out.append('}');
        String text = out.toString();
        return data.consumeBoolean() ? text : text.substring(0, data.consumeInt(0, text.length()));
    }

    private static String quote(String text) {
        try {
            return TestJson.MAPPER.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
