package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.devkit.SamTemplate.FunctionDef;
import dev.latchkey.functions.Wiring;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** events/ holds an event for every function in template.yaml, and each runs the way `./latchkey invoke` runs it. */
class EventsTest {
    private static SamTemplate template;

    @BeforeAll
    static void wire() {
        template = SamTemplate.load(SamTemplate.locate());
        URI endpoint = DynamoDbLocal.shared().endpoint();
        String table = DynamoDbLocal.shared().createUniqueTable("events");
        Wiring.install(Wiring.build(DevServer.config(table, endpoint, Optional.empty(), URI.create("http://localhost:3000")),
                Clock.systemUTC()));
    }

    /** SignupFunction → signup.json, GetMeFunction → get-me.json. */
    static Path eventFile(String logicalId) {
        String name = logicalId.replaceFirst("Function$", "").replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return template.path().getParent().resolve("events").resolve(name + ".json");
    }

    @Test
    @DisplayName("case=every function has an event and answers it without an error")
    void everyFunctionRunsItsEvent() throws Exception {
        for (FunctionDef function : template.functions()) {
            Path file = eventFile(function.logicalId());
            assertThat(file).as(function.logicalId()).exists();
            LambdaFunction lambda = LambdaFunction.load(function);
            byte[] response = lambda.invoke(Files.readAllBytes(file), lambda.newContext());
            JsonNode json = Json.MAPPER.readTree(response);
            boolean streamed = template.streamSubscriptions().stream().anyMatch(sub -> sub.functionId().equals(function.logicalId()));
            if (streamed) {
                // a profile's REMOVE of a user this store never had: nothing to clean, nothing failed
                assertThat(json.get("batchItemFailures")).as(function.logicalId()).isEmpty();
            } else if (function.routes().isEmpty()) {
                // the event's token names no session in this store (invoke would seed one: MainTest): denied, nothing more
                assertThat(json.get("isAuthorized").asBoolean()).as(function.logicalId()).isFalse();
                assertThat(json.has("context")).isFalse();
            } else {
                assertThat(json.get("statusCode").asInt()).as("%s: %s", function.logicalId(), json).isBetween(200, 499);
            }
        }
    }

    @Test
    @DisplayName("case=the signup event is accepted and produces a verification mail")
    void signupEventSendsMail() throws Exception {
        FunctionDef signup = template.function("SignupFunction").orElseThrow();
        LambdaFunction lambda = LambdaFunction.load(signup);
        String unique = Files.readString(eventFile("SignupFunction")).replace("ada@example.com", "ada+" + UUID.randomUUID() + "@example.com");
        JsonNode json = Json.MAPPER.readTree(lambda.invoke(unique.getBytes(java.nio.charset.StandardCharsets.UTF_8), lambda.newContext()));
        assertThat(json.get("statusCode").asInt()).isEqualTo(202);
        assertThat(Wiring.component().outbox().messages().getLast().subject()).isEqualTo("Confirm your email address");
    }
}
