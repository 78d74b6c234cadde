package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import dev.latchkey.devkit.SamTemplate.HttpRoute;

@DisplayName("Route selection")
class RouteTableTest {
    private final RouteTable<String> table = new RouteTable<>(List.of(
            new RouteTable.Entry<>(new HttpRoute("GET", "/v1/me", true), "me"),
            new RouteTable.Entry<>(new HttpRoute("GET", "/v1/users/{id}", true), "user"),
            new RouteTable.Entry<>(new HttpRoute("ANY", "/v1/users/{id}", true), "any-user"),
            new RouteTable.Entry<>(new HttpRoute("GET", "/v1/users/self", true), "self"),
            new RouteTable.Entry<>(new HttpRoute("GET", "/v1/apps/{app}/keys/{key}", true), "key"),
            new RouteTable.Entry<>(new HttpRoute("GET", "/static/{path+}", false), "static")));

    private String target(String method, String path) {
        return table.match(method, path).map(RouteTable.Match::target).orElse("404");
    }

    @Test
    @DisplayName("edge cases first: trailing slash, missing segment, wrong method, unknown path are no match")
    void noMatch() {
        assertThat(target("GET", "/v1/me/")).isEqualTo("404");
        assertThat(target("GET", "/v1/users/")).isEqualTo("404");
        assertThat(target("POST", "/v1/me")).isEqualTo("404");
        assertThat(target("GET", "/nowhere")).isEqualTo("404");
        assertThat(target("GET", "/static")).isEqualTo("404");
    }

    @Test
    @DisplayName("a literal segment beats a parameter; an exact method beats ANY")
    void precedence() {
        assertThat(target("GET", "/v1/users/self")).isEqualTo("self");
        assertThat(target("GET", "/v1/users/42")).isEqualTo("user");
        assertThat(target("DELETE", "/v1/users/42")).isEqualTo("any-user");
        assertThat(target("get", "/v1/me")).isEqualTo("me");
    }

    @Test
    @DisplayName("path parameters are decoded; a greedy parameter takes the rest")
    void parameters() {
        assertThat(table.match("GET", "/v1/apps/a%2Fb/keys/k+1").orElseThrow().pathParameters())
                .isEqualTo(Map.of("app", "a/b", "key", "k+1"));
        assertThat(table.match("GET", "/static/css/site.css").orElseThrow().pathParameters())
                .isEqualTo(Map.of("path", "css/site.css"));
    }
}
