package dev.latchkey.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cold-start bench measures each function's real path only if the event it prepares for it succeeds: a 404 for an
 * application nobody seeded, or a 429 from a limit the runs share, is cheaper than the real thing and would flatter
 * the function. Here every function of template.yaml gets the events of two runs, prepared and seeded as the bench
 * does it, and answers them in this JVM with the handler the template names.
 */
class ColdStartEventsTest {

    @Test
    @DisplayName("case=every function's prepared events of two runs take the successful path: 2xx, isAuthorized=true, no batch failures")
    void everyEventSucceeds(@TempDir Path work) throws Exception {
        Path templateFile = SamTemplate.locate();
        SamTemplate template = SamTemplate.load(templateFile);
        DynamoDbLocal dynamoDb = DynamoDbLocal.shared();
        String table = dynamoDb.createUniqueTable("coldstart-events");
        LatchkeyComponent component = ColdStartBench.quietComponent(ColdStartBench.seedingConfig(table, dynamoDb.endpoint(), work));
        ColdStartBench.Events events = new ColdStartBench.Events(templateFile.toAbsolutePath().getParent().resolve("events"), work,
                new ColdStartBench.Fixtures(component));

        List<SamTemplate.FunctionDef> functions = template.functions();
        assertThat(functions).hasSizeGreaterThan(40);
        Map<String, Path> prepared = new LinkedHashMap<>();
        for (int run = 1; run <= 2; run++) {
            for (SamTemplate.FunctionDef function : functions) {
                prepared.put(function.logicalId() + " run " + run, events.prepare(function.logicalId(), run));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Path> event : prepared.entrySet()) {
            String logicalId = event.getKey().substring(0, event.getKey().indexOf(' '));
            SamTemplate.FunctionDef function = template.function(logicalId).orElseThrow();
            events.codesAtLaunch(event.getValue());
            RequestStreamHandler handler = (RequestStreamHandler) Class.forName(function.handlerClass())
                    .getConstructor(LatchkeyComponent.class).newInstance(component);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(event.getValue())) {
                handler.handleRequest(in, out, new LambdaContext(logicalId, function.memorySizeMb(), function.timeoutSeconds()));
            }
            String response = out.toString(StandardCharsets.UTF_8);
            String status = ColdStartRunner.status(response);
            if (!(status.matches("2\\d\\d") || status.startsWith("isAuthorized=true") || status.equals("batchItemFailures=0"))) {
                failures.add(event.getKey() + ": " + status + " " + response);
            }
        }
        assertThat(failures).as("events that do not take the real path").isEmpty();
    }
}
