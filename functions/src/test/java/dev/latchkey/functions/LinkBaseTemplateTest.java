package dev.latchkey.functions;

import static dev.latchkey.functions.TemplateParts.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.devkit.SamTemplate.Intrinsic;
import dev.latchkey.devkit.SamTemplate.Ref;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * template.yaml without LinkBaseUrl and ConsoleDomainName: mail links use the distribution's address, kept in an SSM
 * parameter that the functions name in their environment — one deploy, no cycle (docs: README, Deploying the console).
 */
@DisplayName("template.yaml: the link base in an SSM parameter")
class LinkBaseTemplateTest {
    private static final String NAME = "/latchkey/${AWS::StackName}/link-base-url";

    private static final Map<String, Object> RESOURCES = TemplateParts.resources();

    @Test
    @DisplayName("case=the parameter, made only without LinkBaseUrl and ConsoleDomainName, holds https://<the distribution's domain>")
    void theParameter() {
        Map<String, Object> parameter = map(RESOURCES.get("LinkBaseParameter"));
        assertThat(parameter).containsEntry("Type", "AWS::SSM::Parameter").containsEntry("Condition", "LinkBaseFromDistribution");
        assertThat(map(parameter.get("Properties")))
                .containsEntry("Name", new Intrinsic("Fn::Sub", NAME))
                .containsEntry("Type", "String")
                .containsEntry("Value", new Intrinsic("Fn::Sub", "https://${ConsoleDistribution.DomainName}"));
        assertThat(RESOURCES.get("ConsoleDistribution")).as("the distribution it names").isNotNull();
    }

    @Test
    @DisplayName("case=the functions' LATCHKEY_LINK_BASE_URL is LinkBaseUrl, else https://ConsoleDomainName, else ssm:<the parameter's name>")
    void theEnvironment() {
        Object value = TemplateParts.functionEnvironment().get("LATCHKEY_LINK_BASE_URL");
        assertThat(value).isEqualTo(new Intrinsic("Fn::If", List.of("HasLinkBaseUrl", new Ref("LinkBaseUrl"),
                new Intrinsic("Fn::If", List.of("LinkBaseFromDistribution", new Intrinsic("Fn::Sub", "ssm:" + NAME),
                        new Intrinsic("Fn::Sub", "https://${ConsoleDomainName}"))))));
    }

    @Test
    @DisplayName("case=no function names the parameter resource or the distribution (that would be the cycle functions → distribution → API → functions)")
    void noCycle() {
        assertThat(references(TemplateParts.functionEnvironment())).doesNotContain("LinkBaseParameter", "ConsoleDistribution");
        RESOURCES.forEach((id, resource) -> {
            if ("AWS::Serverless::Function".equals(map(resource).get("Type"))) {
                assertThat(references(resource)).as(id).doesNotContain("LinkBaseParameter", "ConsoleDistribution");
            }
        });
    }

    @Test
    @DisplayName("case=ssm:GetParameter is granted on that one parameter's ARN, and only when the stack makes it")
    void thePermission() {
        Intrinsic arn = new Intrinsic("Fn::Sub", "arn:${AWS::Partition}:ssm:${AWS::Region}:${AWS::AccountId}:parameter" + NAME);
        int granted = 0;
        for (Object resource : RESOURCES.values()) {
            Object policies = map(map(resource).getOrDefault("Properties", Map.of())).get("Policies");
            for (Object policy : policies instanceof Collection<?> c ? c : List.of()) {
                if (String.valueOf(policy).contains("ssm:")) {
                    assertThat(policy).isInstanceOfSatisfying(Intrinsic.class, conditional -> {
                        assertThat(conditional.function()).isEqualTo("Fn::If");
                        List<?> branches = (List<?>) conditional.argument();
                        assertThat(branches.get(0)).isEqualTo("LinkBaseFromDistribution");
                        assertThat(branches.get(2)).isEqualTo(new Ref("AWS::NoValue"));
                        assertThat(map(branches.get(1)).get("Statement")).isEqualTo(List.of(Map.of("Sid", "ReadLinkBase",
                                "Effect", "Allow", "Action", "ssm:GetParameter", "Resource", arn)));
                    });
                    granted++;
                }
            }
        }
        assertThat(granted).as("functions that may read it (LeastPrivilegeTest: those that mail a link)").isPositive();
    }

    /** The logical ids a part of the template names through Ref, GetAtt or ${…} in Sub. */
    private static List<String> references(Object part) {
        List<String> names = new ArrayList<>();
        switch (part) {
            case Ref(String name) -> names.add(name);
            case SamTemplate.GetAtt(String logicalId, String attribute) -> names.add(logicalId);
            case Intrinsic(String function, Object argument) -> {
                if (function.equals("Fn::Sub")) {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]")
                            .matcher(String.valueOf(argument instanceof List<?> l ? l.getFirst() : argument));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
                names.addAll(references(argument));
            }
            case Map<?, ?> m -> m.values().forEach(v -> names.addAll(references(v)));
            case Collection<?> c -> c.forEach(v -> names.addAll(references(v)));
            default -> { }
        }
        return names;
    }
}
