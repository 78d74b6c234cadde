package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The checker that Http runs on every response catches what it should, and only that. */
@DisplayName("OpenApiContract, the check of responses against docs/openapi.yaml")
class OpenApiContractTest {
    private static final OpenApiContract CONTRACT = OpenApiContract.latchkey();
    private static final Optional<String> JSON = Optional.of("application/json");
    private static final Optional<String> PROBLEM = Optional.of("application/problem+json");
    private static final String PROFILE = """
            {"id":"usr_T4VCmggNenNCoZvklaPeB2cQ","email":"ada@example.com","emailVerified":true,
             "name":null,"username":null,"mfaEnabled":false,"recoveryCodesLeft":0,"createdAt":"2025-06-02T09:14:07Z"}""";
    private static final String INVALID_TOKEN = """
            {"type":"about:blank","title":"Unauthorized","status":401,
             "detail":"the bearer token is missing, malformed, unknown or expired","code":"invalid_token"}""";

    @Test
    @DisplayName("case=a body missing a required property fails, naming method, path, status and the property")
    void wrongBody() {
        assertThat(CONTRACT.violations("GET", "/v1/me", 200, JSON, PROFILE)).isEmpty();

        String noEmail = PROFILE.replace("\"email\":\"ada@example.com\",", "");
        assertThat(CONTRACT.violations("GET", "/v1/me", 200, JSON, noEmail))
                .singleElement().asString().contains("required property 'email' not found");
        assertThatThrownBy(() -> CONTRACT.check("GET", "/v1/me", 200, JSON, noEmail))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /v1/me answered 200")
                .hasMessageContaining("required property 'email' not found");
        assertThat(CONTRACT.violations("GET", "/v1/me", 200, JSON, PROFILE.replace("2025-06-02T09:14:07Z", "yesterday")))
                .singleElement().asString().contains("/createdAt").contains("date-time");
        assertThat(CONTRACT.violations("GET", "/v1/me", 200, JSON, "not json")).singleElement().asString().contains("not JSON");
    }

    @Test
    @DisplayName("case=an undeclared status, a wrong media type or a problem repeating another status fails")
    void wrongStatusOrMediaType() {
        assertThat(CONTRACT.violations("GET", "/v1/me", 401, PROBLEM, INVALID_TOKEN)).isEmpty();

        assertThatThrownBy(() -> CONTRACT.check("GET", "/v1/me", 404, PROBLEM, INVALID_TOKEN.replace("401", "404")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("GET /v1/me answered 404")
                .hasMessageContaining("status 404 is not declared for GET /v1/me");
        assertThat(CONTRACT.violations("GET", "/v1/me", 401, Optional.of("text/plain"), INVALID_TOKEN))
                .singleElement().asString().contains("'text/plain' is not one of");
        assertThat(CONTRACT.violations("GET", "/v1/me", 401, Optional.empty(), INVALID_TOKEN)).hasSize(1);
        assertThat(CONTRACT.violations("GET", "/v1/me", 401, PROBLEM, INVALID_TOKEN.replace("401", "403")))
                .singleElement().asString().contains("differs from the HTTP status 401");
        assertThat(CONTRACT.violations("POST", "/v1/me", 404, JSON, "{\"message\":\"Not Found\"}"))
                .singleElement().asString().contains("no operation POST /v1/me");
    }

    @Test
    @DisplayName("case=concrete paths find their template, literal segments first; paths outside openapi are not checked")
    void paths() {
        assertThat(CONTRACT.templateOf("/v1/sessions/ses_abc")).contains("/v1/sessions/{id}");
        assertThat(CONTRACT.templateOf("/v1/sessions/refresh")).contains("/v1/sessions/refresh");
        assertThat(CONTRACT.templateOf("/v1/me/api-keys/key_x/regenerate")).contains("/v1/me/api-keys/{id}/regenerate");
        assertThat(CONTRACT.templateOf("/v1/me/")).isEmpty();
        assertThat(CONTRACT.violations("DELETE", "/v1/sessions/ses_abc", 204, Optional.empty(), "")).isEmpty();
        assertThat(CONTRACT.violations("DELETE", "/v1/sessions/ses_abc", 204, JSON, "{}"))
                .singleElement().asString().contains("declares no body");
        assertThat(CONTRACT.violations("GET", "/_local/mail", 200, JSON, "[]")).isEmpty();
    }
}
