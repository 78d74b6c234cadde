package dev.latchkey.functions.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.latchkey.config.OriginSecret;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which address a request counts as: CloudFront's viewer address only with the origin secret, else API Gateway's sourceIp. */
@DisplayName("ClientAddresses")
class ClientAddressesTest {
    private static final String SECRET = "s3cr3t-from-secrets-manager-0123456789abcdefABCDEF";
    private static final String EDGE = "130.176.98.12";
    private static final ClientAddresses BEHIND_CLOUDFRONT = new ClientAddresses(Optional.of(new OriginSecret(SECRET)));
    private static final ClientAddresses WITHOUT_SECRET = new ClientAddresses(Optional.empty());

    private static APIGatewayV2HTTPEvent event(String... headerPairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            headers.put(headerPairs[i], headerPairs[i + 1]);
        }
        headers.put("user-agent", "curl/8.5.0");
        return APIGatewayV2HTTPEvent.builder().withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withSourceIp(EDGE).withUserAgent("curl/8.5.0").build())
                        .build())
                .build();
    }

    @Test
    @DisplayName("case=with the distribution's secret, the viewer's IPv4 or IPv6 address (its port dropped)")
    void viewerAddressWithTheSecret() {
        assertThat(BEHIND_CLOUDFRONT.of(event("x-latchkey-origin-secret", SECRET, "cloudfront-viewer-address", "198.51.100.10:46532")).ip())
                .isEqualTo("198.51.100.10");
        assertThat(BEHIND_CLOUDFRONT.of(event("x-latchkey-origin-secret", SECRET, "cloudfront-viewer-address", "2406:2d40:728d:fa10::c4a:42838")).ip())
                .isEqualTo("2406:2d40:728d:fa10::c4a");
        // header names in any case (API Gateway lower-cases them; the dev server and tests may not)
        assertThat(BEHIND_CLOUDFRONT.of(event("X-Latchkey-Origin-Secret", SECRET, "CloudFront-Viewer-Address", "203.0.113.7:443")).ip())
                .isEqualTo("203.0.113.7");
        assertThat(BEHIND_CLOUDFRONT.of(event()).userAgent()).isEqualTo("curl/8.5.0");
    }

    @Test
    @DisplayName("case=without the secret, a wrong one, or one of another length, sourceIp: a direct caller cannot choose the address it is counted as")
    void sourceIpWithoutTheSecret() {
        String viewer = "198.51.100.10:46532";
        assertThat(BEHIND_CLOUDFRONT.of(event("cloudfront-viewer-address", viewer)).ip()).isEqualTo(EDGE);
        assertThat(BEHIND_CLOUDFRONT.of(event("x-latchkey-origin-secret", SECRET.replace('s', 'S'), "cloudfront-viewer-address", viewer)).ip())
                .isEqualTo(EDGE);
        assertThat(BEHIND_CLOUDFRONT.of(event("x-latchkey-origin-secret", SECRET + "x", "cloudfront-viewer-address", viewer)).ip()).isEqualTo(EDGE);
        assertThat(BEHIND_CLOUDFRONT.of(event("x-latchkey-origin-secret", "", "cloudfront-viewer-address", viewer)).ip()).isEqualTo(EDGE);
        assertThat(WITHOUT_SECRET.of(event("x-latchkey-origin-secret", SECRET, "cloudfront-viewer-address", viewer)).ip())
                .as("no secret configured (the dev server)").isEqualTo(EDGE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "198.51.100.10", "198.51.100.10:", "198.51.100.10:port", "example.com:443", "999.1.1.1:80",
        "198.51.100.10:443, 203.0.113.1:80", "2001:db8::1", "::g:443", "localhost:80", " :80"})
    @DisplayName("case=with the secret but a viewer address that is not an IP literal and a port: sourceIp (never a name to resolve)")
    void malformedViewerAddress(String header) {
        assertThat(BEHIND_CLOUDFRONT.of(event("x-latchkey-origin-secret", SECRET, "cloudfront-viewer-address", header)).ip()).isEqualTo(EDGE);
        assertThat(BEHIND_CLOUDFRONT.of(event("x-latchkey-origin-secret", SECRET)).ip()).as("no viewer address").isEqualTo(EDGE);
    }

    @Test
    @DisplayName("case=the secret never shows in the configuration's text")
    void secretHidden() {
        assertThat(new OriginSecret(SECRET).toString()).doesNotContain(SECRET).contains(String.valueOf(SECRET.length()));
    }
}
