package dev.latchkey.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Random bodies at every public route of template.yaml: never a 5xx. */
class PublicRoutesPropertyTest {
    private static Api api;
    private static final List<Map.Entry<String, HttpHandler>> ROUTES = new ArrayList<>();

    @BeforeContainer
    static void handlers() throws Exception {
        api = new Api("property");
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

    @Property(tries = 300)
    void publicRoutesNeverFail(@ForAll("bodies") String body) {
        for (Map.Entry<String, HttpHandler> route : ROUTES) {
            APIGatewayV2HTTPResponse response = Api.post(route.getValue(), route.getKey(), body);
            assertThat(response.getStatusCode()).as("%s %s", route.getKey(), body).isBetween(200, 499);
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> jsonValue = Arbitraries.oneOf(
                anyText.map(PublicRoutesPropertyTest::quote),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.of("true", "false", "null", "[]", "{}", "1e309", "-0", "\"\\ud800\"", "\"\\u0000\""),
                Arbitraries.strings().alpha().numeric().withChars("@._-+ ").ofMaxLength(80).map(PublicRoutesPropertyTest::quote));
        Arbitrary<String> field = Arbitraries.of("email", "password", "name", "username", "token", "mfaCode", "", "__proto__");
        Arbitrary<String> object = Combinators.combine(field, jsonValue).as((k, v) -> quote(k) + ":" + v)
                .list().ofMaxSize(5).map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.oneOf(anyText, object, object.map(o -> o.substring(0, Math.max(1, o.length() / 2))));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
