package dev.latchkey.functions;

import dev.latchkey.functions.auth.AuthorizerHandler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** template.yaml, openapi and the code agree: every handler exists, and every authenticated route refuses anonymous callers. */
class RoutesFromTemplateTest {
    private static Api api;
    private static SamTemplate template;

    @BeforeAll
    static void load() {
        api = new Api("routes");
        template = SamTemplate.load(SamTemplate.locate());
    }

    static Object instantiate(String handlerClass, LatchkeyComponent component) throws Exception {
        return Class.forName(handlerClass).getConstructor(LatchkeyComponent.class).newInstance(component);
    }

    @Test
    @DisplayName("case=every function's handler class exists, has handleRequest, and builds from the component")
    void handlersExist() throws Exception {
        assertThat(template.functions()).hasSizeGreaterThanOrEqualTo(5);
        for (SamTemplate.FunctionDef function : template.functions()) {
            assertThat(function.handlerMethod()).isEqualTo("handleRequest");
            Object handler = instantiate(function.handlerClass(), api.component);
            // a stream handler: Lambda's runtime then builds no serializers for event types at init
            assertThat(handler).isInstanceOf(com.amazonaws.services.lambda.runtime.RequestStreamHandler.class)
                    .isNotInstanceOf(com.amazonaws.services.lambda.runtime.RequestHandler.class);
        }
    }

    @Test
    @DisplayName("case=every route openapi marks as authenticated is an AuthenticatedHandler answering 401 to a missing or bad token; the public ones are not")
    @SuppressWarnings("unchecked")
    void authenticatedRoutesRefuseAnonymous() throws Exception {
        Map<String, Object> openapi;
        try (Reader in = Files.newBufferedReader(template.path().getParent().resolve("docs/openapi.yaml"))) {
            openapi = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Map<String, Object> paths = (Map<String, Object>) openapi.get("paths");
        int authenticated = 0;
        int open = 0;
        for (SamTemplate.FunctionDef function : template.functions()) {
            for (SamTemplate.HttpRoute route : function.routes()) {
                assertThat(route.usesAuthorizer()).as("%s: no Lambda authorizer in front of Latchkey's own routes", route.routeKey()).isFalse();
                Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) paths.get(route.path()))
                        .get(route.method().toLowerCase(Locale.ROOT));
                boolean isPublic = List.of().equals(operation.get("security"));
                Object handler = instantiate(function.handlerClass(), api.component);
                if (isPublic) {
                    assertThat(handler).as(function.logicalId()).isNotInstanceOf(AuthenticatedHandler.class);
                    open++;
                    continue;
                }
                assertThat(handler).as(function.logicalId()).isInstanceOf(AuthenticatedHandler.class);
                for (String authorization : new String[] {null, "Bearer lk_s_x", "Basic abc"}) {
                    APIGatewayV2HTTPResponse response = api.authorized((HttpHandler) handler, route.method(), route.path(), authorization);
                    assertThat(response.getStatusCode()).as("%s with %s", route.routeKey(), authorization).isEqualTo(401);
                    assertThat(response.getHeaders()).containsKey("www-authenticate");
                }
                authenticated++;
            }
        }
        assertThat(authenticated).isGreaterThanOrEqualTo(9);
        assertThat(open).isGreaterThanOrEqualTo(5);
    }

    @Test
    @DisplayName("case=the authorizer is a function of its own, exported for other APIs, attached to none of Latchkey's routes")
    void authorizerIsExported() throws IOException {
        assertThat(template.authorizerFunctionId()).isEmpty();
        assertThat(List.of(template.function("AuthorizerFunction").orElseThrow().handlerClass()))
                .containsExactly(AuthorizerHandler.class.getName());
        assertThat(template.function("AuthorizerFunction").orElseThrow().routes()).isEmpty();
        assertThat(Files.readString(template.path())).contains("AuthorizerFunctionArn:", "Value: !Ref AuthorizerFunction.Alias",
                "Name: !Sub \"${AWS::StackName}-AuthorizerFunctionArn\"");
    }
}
