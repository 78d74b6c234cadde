package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.devkit.SamTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the deployment jar must not carry: libraries whose start-up a cold start would pay for (docs/performance.md). */
@DisplayName("the deployment jar")
class DeploymentJarTest {
    /** Its size on the day issue 9 was filed (15,291,062 bytes): the jar may not grow past it. */
    private static final long SIZE_WHEN_ISSUE_9_WAS_FILED = 15_291_062L;

    @Test
    @DisplayName("holds no Log4j, jackson-databind, Powertools, EMF library, Joda-Time, Apache or Netty HTTP client; is no bigger than before")
    void holdsNoStartUpWeight() throws Exception {
        Path jar = SamTemplate.locate().getParent().resolve("functions/target/latchkey-functions.jar");
        assertThat(jar).as("built by the functions module's package phase").isRegularFile();
        List<String> entries;
        try (JarFile file = new JarFile(jar.toFile())) {
            entries = file.stream().map(ZipEntry::getName).toList();
        }
        assertThat(entries).contains("dev/latchkey/functions/http/Json.class",
                "software/amazon/awssdk/thirdparty/jackson/core/JsonFactory.class",
                "software/amazon/awssdk/services/dynamodb/DynamoDbClient.class");
        assertThat(entries).noneMatch(e -> e.startsWith("org/apache/logging/")
                || e.startsWith("com/fasterxml/jackson/")
                || e.startsWith("software/amazon/lambda/powertools/")
                || e.startsWith("software/amazon/cloudwatchlogs/")
                || e.startsWith("org/joda/")
                || e.startsWith("org/apache/http/")
                || e.startsWith("io/netty/")
                || e.startsWith("META-INF/maven/"));
        assertThat(Files.size(jar)).isLessThan(SIZE_WHEN_ISSUE_9_WAS_FILED);
    }
}
