package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.devkit.SamTemplate.GetAtt;
import dev.latchkey.devkit.SamTemplate.Intrinsic;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who may read the console's bucket, and why a missing console file is 404 (README, Deploying the console). */
@DisplayName("template.yaml: the console bucket's policy")
class ConsoleBucketPolicyTest {
    private static final Intrinsic THE_DISTRIBUTION = new Intrinsic("Fn::Sub",
            "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${ConsoleDistribution}");

    private static Map<String, Object> resources;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() {
        resources = (Map<String, Object>) SamTemplate.load(SamTemplate.locate()).document().get("Resources");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements() {
        return (List<Map<String, Object>>) map(map(map(resources.get("ConsoleBucketPolicy")).get("Properties")).get("PolicyDocument"))
                .get("Statement");
    }

    @Test
    @DisplayName("case=only this stack's distribution is allowed, and only to get objects and list the bucket (so a missing file is S3's 404, not 403)")
    void onlyTheDistributionReadsAndLists() {
        List<Map<String, Object>> allowed = statements().stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertThat(allowed).extracting(s -> s.get("Action")).containsExactlyInAnyOrder("s3:GetObject", "s3:ListBucket");
        assertThat(allowed).allSatisfy(statement -> {
            assertThat(statement.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
            assertThat(statement.get("Condition")).isEqualTo(Map.of("StringEquals", Map.of("AWS:SourceArn", THE_DISTRIBUTION)));
        });
        Map<String, Object> list = allowed.stream().filter(s -> s.get("Action").equals("s3:ListBucket")).findFirst().orElseThrow();
        assertThat(list.get("Resource")).as("the bucket, not its objects").isEqualTo(new GetAtt("ConsoleBucket", "Arn"));
        Map<String, Object> get = allowed.stream().filter(s -> s.get("Action").equals("s3:GetObject")).findFirst().orElseThrow();
        assertThat(get.get("Resource")).isEqualTo(new Intrinsic("Fn::Sub", "${ConsoleBucket.Arn}/*"));
    }

    @Test
    @DisplayName("case=the distribution rewrites no error responses: the API's own 403s under /v1/* reach the caller as they are")
    void noCustomErrorResponses() {
        Map<String, Object> config = map(map(map(resources.get("ConsoleDistribution")).get("Properties")).get("DistributionConfig"));
        assertThat(config).doesNotContainKey("CustomErrorResponses");
    }
}
