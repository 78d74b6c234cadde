package dev.latchkey.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.latchkey.devkit.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cold-start harness end to end on one function: fresh JVMs on the shaded jar against DynamoDB Local. */
class ColdStartBenchTest {

    @Test
    @DisplayName("case=GetMe and the baseline each cold-start once, answer 200, and land in the table")
    void getMeAndBaseline() throws Exception {
        Path jar = SamTemplate.locate().getParent().resolve("functions/target/latchkey-functions.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: build it first (./mvnw -o install -DskipTests, or ./mvnw verify from the root)");
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String markdown = ColdStartBench.run(1, new PrintStream(progress, true, StandardCharsets.UTF_8),
                "GetMeFunction"::equals);

        assertThat(markdown).as(progress.toString(StandardCharsets.UTF_8)).contains("| Function |");
        assertThat(row(markdown, "GetMeFunction")).as(markdown).contains("| 200 |");
        assertThat(row(markdown, ColdStartBench.BASELINE_ROW)).as(markdown).contains("| 200 |").contains("| 1.00× |");
        assertThat(markdown.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Function"))).hasSize(2);
        assertThat(markdown).doesNotContain("\n# ").doesNotContain("\n## ");
    }

    @Test
    @DisplayName("case=event files follow the function's logical id")
    void eventFileNames() {
        assertThat(ColdStartBench.Events.fileName("GetMeFunction")).isEqualTo("get-me.json");
        assertThat(ColdStartBench.Events.fileName("RequestPasswordResetFunction")).isEqualTo("request-password-reset.json");
        assertThat(ColdStartBench.Events.fileName("AuthorizerFunction")).isEqualTo("authorizer.json");
    }

    @Test
    @DisplayName("case=the heap is 85% of the function's memory, with Lambda's JIT flags")
    void flags() {
        assertThat(ColdStartBench.jvmFlags(1024)).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx870m");
    }

    private static String row(String markdown, String name) {
        return markdown.lines().filter(l -> l.startsWith("| " + name + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + markdown));
    }
}
