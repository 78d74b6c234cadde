package dev.latchkey.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The HTTP contract and the deployment agree: every route of template.yaml is in docs/openapi.yaml, and no more. */
class RoutesMatchOpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    @DisplayName("case=template.yaml's routes and docs/openapi.yaml's operations are the same set")
    @SuppressWarnings("unchecked")
    void sameRoutes() throws IOException {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        Set<String> deployed = new TreeSet<>();
        template.functions().forEach(f -> f.routes().forEach(r -> deployed.add(r.method().toUpperCase(Locale.ROOT) + " " + r.path())));

        Path openapi = template.path().getParent().resolve("docs/openapi.yaml");
        Map<String, Object> document;
        try (Reader in = Files.newBufferedReader(openapi)) {
            document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Set<String> documented = new TreeSet<>();
        ((Map<String, Object>) document.get("paths")).forEach((path, item) -> ((Map<String, Object>) item).keySet().stream()
                .filter(METHODS::contains)
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        assertThat(deployed).hasSizeGreaterThan(10);
        assertThat(documented).as("docs/openapi.yaml against template.yaml").isEqualTo(deployed);
    }
}
