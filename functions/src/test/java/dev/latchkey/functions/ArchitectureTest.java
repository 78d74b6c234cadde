package dev.latchkey.functions;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The shape of the code (README "Layout"): feature packages do not import each other in loops, the
 * domain knows neither AWS nor Lambda nor the handlers, and only a feature's {@code dynamo} adapter
 * (and the wiring) sees another feature's adapter.
 */
class ArchitectureTest {
    /** Adapters and wiring: the places allowed to touch the AWS SDK. */
    private static final String[] INFRASTRUCTURE = {"..dynamo..", "..ses..", "..kms..", "..ssm..", "dev.latchkey.store..", "dev.latchkey.devkit..",
        "dev.latchkey.wiring..", "dev.latchkey.functions..", "dev.latchkey.local.."};

    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        // Production classes only: shared's tests also reach this class path, as its test jar.
        ImportOption productionOnly = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");
        classes = new ClassFileImporter().withImportOption(productionOnly).importPackages("dev.latchkey");
        // The rules below are only as good as what they see: the domain, its adapters and the handlers.
        for (String name : new String[] {"dev.latchkey.session.SigningIn", "dev.latchkey.session.dynamo.DynamoSessionStore",
            "dev.latchkey.auth.Authenticating", "dev.latchkey.functions.session.CreateSessionHandler"}) {
            assertThat(classes.contain(name)).as(name).isTrue();
        }
        assertThat(classes.contain("dev.latchkey.testing.Domain")).as("test classes").isFalse();
    }

    @Test
    @DisplayName("case=no loop between the domain's feature packages (a package and its dynamo/ adapter count as one)")
    void domainFeaturesAreFreeOfCycles() {
        check(slices().matching("dev.latchkey.(*)..").should().beFreeOfCycles());
    }

    @Test
    @DisplayName("case=no loop between the handler packages")
    void handlerPackagesAreFreeOfCycles() {
        check(slices().matching("dev.latchkey.functions.(*)..").should().beFreeOfCycles());
    }

    @Test
    @DisplayName("case=domain packages import neither the AWS SDK, nor Lambda types, nor a handler")
    void domainIsFreeOfAwsAndHandlers() {
        check(noClasses().that().resideInAPackage("dev.latchkey..").and().resideOutsideOfPackages(INFRASTRUCTURE)
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..",
                        "dev.latchkey.functions..", "dev.latchkey.local.."));
    }

    @Test
    @DisplayName("case=outside the adapters, only a feature's Dagger module names a DynamoDB adapter")
    void adaptersAreReachedThroughPorts() {
        check(noClasses().that().resideInAPackage("dev.latchkey..").and().resideOutsideOfPackages(INFRASTRUCTURE)
                .and().haveSimpleNameNotEndingWith("Module").and().haveSimpleNameNotContaining("_")
                .should().dependOnClassesThat().resideInAPackage("..dynamo.."));
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
