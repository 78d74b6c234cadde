package dev.latchkey.functions;

import dev.latchkey.functions.auth.AuthorizerHandler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.functions.http.AuthenticatedHandler;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** template.yaml and the code agree: every handler exists, and every route behind the authorizer refuses anonymous callers. */
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
            assertThat(handler).isInstanceOf(com.amazonaws.services.lambda.runtime.RequestHandler.class);
        }
    }

    @Test
    @DisplayName("case=every route behind the authorizer answers 401 to a caller the authorizer could not identify")
    void authorizedRoutesRefuseAnonymous() throws Exception {
        int checked = 0;
        for (SamTemplate.FunctionDef function : template.functions()) {
            for (SamTemplate.HttpRoute route : function.routes()) {
                Object handler = instantiate(function.handlerClass(), api.component);
                if (route.usesAuthorizer()) {
                    assertThat(handler).as(function.logicalId()).isInstanceOf(AuthenticatedHandler.class);
                    APIGatewayV2HTTPResponse response = api.authorized((HttpHandler) handler, route.method(), route.path(), "Bearer lk_s_x");
                    assertThat(response.getStatusCode()).as(route.routeKey()).isEqualTo(401);
                    checked++;
                } else {
                    assertThat(handler).as(function.logicalId()).isNotInstanceOf(AuthenticatedHandler.class);
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(1);
        assertThat(template.authorizerFunctionId()).contains("AuthorizerFunction");
        assertThat(List.of(template.function("AuthorizerFunction").orElseThrow().handlerClass()))
                .containsExactly(AuthorizerHandler.class.getName());
    }
}
