package dev.latchkey.functions;

import static dev.latchkey.functions.TemplateParts.list;
import static dev.latchkey.functions.TemplateParts.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.devkit.SamTemplate.Intrinsic;
import dev.latchkey.functions.http.ClientAddresses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** template.yaml gives the distribution and the functions the same generated secret, and forwards the viewer's address. */
@DisplayName("template.yaml: the origin secret and the viewer's address")
class OriginSecretTemplateTest {
    private static final Intrinsic THE_SECRET = new Intrinsic("Fn::Sub", "{{resolve:secretsmanager:${OriginSecret}}}");

    private static final Map<String, Object> RESOURCES = TemplateParts.resources();

    private static Map<String, Object> distribution() {
        return map(map(map(RESOURCES.get("ConsoleDistribution")).get("Properties")).get("DistributionConfig"));
    }

    private static Map<String, Object> origin(String id) {
        return list(distribution().get("Origins")).stream().filter(o -> id.equals(o.get("Id"))).findFirst().orElseThrow();
    }

    @Test
    @DisplayName("case=Secrets Manager generates it: 64 letters and digits, nothing a header would need escaped")
    void generated() {
        Map<String, Object> secret = map(RESOURCES.get("OriginSecret"));
        assertThat(secret).containsEntry("Type", "AWS::SecretsManager::Secret");
        assertThat(map(map(secret.get("Properties")).get("GenerateSecretString")))
                .containsEntry("PasswordLength", 64).containsEntry("ExcludePunctuation", true).doesNotContainKey("SecretStringTemplate");
    }

    @Test
    @DisplayName("case=the API's origin sends it in the header the functions check; the functions' environment holds the same value; the bucket never gets it")
    void sameSecretOnBothSides() {
        assertThat(list(origin("api").get("OriginCustomHeaders")))
                .containsExactly(Map.of("HeaderName", "X-Latchkey-Origin-Secret", "HeaderValue", THE_SECRET));
        assertThat("X-Latchkey-Origin-Secret").isEqualToIgnoringCase(ClientAddresses.ORIGIN_SECRET_HEADER);
        assertThat(TemplateParts.functionEnvironment()).containsEntry("LATCHKEY_ORIGIN_SECRET", THE_SECRET);
        assertThat(origin("console")).doesNotContainKey("OriginCustomHeaders");
    }

    @Test
    @DisplayName("case=/v1/* forwards every viewer header but Host, and CloudFront's own, CloudFront-Viewer-Address among them (Managed-AllViewerExceptHostHeader)")
    void viewerAddressForwarded() {
        Map<String, Object> api = list(distribution().get("CacheBehaviors")).stream().filter(b -> "/v1/*".equals(b.get("PathPattern")))
                .findFirst().orElseThrow();
        assertThat(api).containsEntry("TargetOriginId", "api").containsEntry("OriginRequestPolicyId", "b689b0a8-53d0-40ab-baf2-68738e2966ac");
    }
}
