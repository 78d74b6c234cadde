package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.devkit.SamTemplate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The command line")
class MainTest {

    private static int runCapturingStderr(StringBuilder stderr, String... args) {
        return runCapturing(new StringBuilder(), stderr, args);
    }

    private static int runCapturing(StringBuilder stdout, StringBuilder stderr, String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
            stdout.append(capturedOut.toString(StandardCharsets.UTF_8));
            stderr.append(capturedErr.toString(StandardCharsets.UTF_8));
        }
    }

    private static Path event(String name) {
        return SamTemplate.locate().getParent().resolve("events").resolve(name);
    }

    @Test
    @DisplayName("missing, unknown or malformed arguments print the usage on stderr and exit 2")
    void usage() {
        String[][] invalid = {
                {}, {"bogus"}, {"serve", "--bogus"}, {"serve", "--port"}, {"serve", "--port", "x"},
                {"serve", "--port", "70000"}, {"serve", "--ses-endpoint", "not a url"}, {"invoke"},
                {"invoke", "SignupFunction"}, {"invoke", "-e", "events/signup.json"},
                {"invoke", "A", "B", "-e", "x.json"}};
        for (String[] args : invalid) {
            StringBuilder stderr = new StringBuilder();
            assertThat(runCapturingStderr(stderr, args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(stderr).as(String.join(" ", args)).contains("usage: latchkey serve");
        }
    }

    @Test
    @DisplayName("serve on a port that is taken says so in one line, without a stack trace, and exits 1")
    void serveOnATakenPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StringBuilder stderr = new StringBuilder();

            int exit = runCapturingStderr(stderr, "serve", "--port", String.valueOf(port));

            assertThat(exit).isEqualTo(1);
            List<String> lines = stderr.toString().lines().toList();
            assertThat(lines).as(stderr.toString()).singleElement().asString()
                    .startsWith("latchkey: ")
                    .contains("port " + port + " is already in use")
                    .contains("--port")
                    .doesNotContain("Exception");
            assertThat(stderr.toString()).doesNotContain("at dev.", "at java.", "at sun.");
        }
    }

    @Test
    @DisplayName("invoke GetMeFunction with events/get-me.json on a fresh store answers the event's user (README)")
    void invokeGetMeOnAFreshStore() throws IOException {
        JsonNode event = Json.MAPPER.readTree(event("get-me.json").toFile());
        String userId = DemoUser.USER_ID;
        assertThat(event.at("/headers/authorization").asText()).startsWith("Bearer lk_s_");
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();

        int exit = runCapturing(stdout, stderr, "invoke", "GetMeFunction", "-e", event("get-me.json").toString());

        assertThat(exit).as(stderr.toString()).isZero();
        JsonNode response = Json.MAPPER.readTree(stdout.toString());
        assertThat(response.get("statusCode").asInt()).as("%s%n%s", response, stderr).isEqualTo(200);
        JsonNode profile = Json.MAPPER.readTree(response.get("body").asText());
        assertThat(profile.get("id").asText()).isEqualTo(userId);
        assertThat(profile.get("email").asText()).isEqualTo("ada@example.com");
        assertThat(stderr.toString().lines())
                .filteredOn(line -> line.startsWith("latchkey: seeded demo user"))
                .singleElement().asString().contains(userId, "ada@example.com");
    }

    @Test
    @DisplayName("invoke never seeds a user the store has: a --data directory keeps the first run's account")
    void invokeDoesNotSeedAnExistingUser(@TempDir Path data) throws IOException {
        String[] args = {"invoke", "GetMeFunction", "-e", event("get-me.json").toString(), "--data", data.toString()};
        StringBuilder firstOut = new StringBuilder();
        StringBuilder firstErr = new StringBuilder();
        assertThat(runCapturing(firstOut, firstErr, args)).as(firstErr.toString()).isZero();
        assertThat(firstErr).contains("latchkey: seeded demo user");

        StringBuilder secondOut = new StringBuilder();
        StringBuilder secondErr = new StringBuilder();
        assertThat(runCapturing(secondOut, secondErr, args)).as(secondErr.toString()).isZero();

        assertThat(secondErr).doesNotContain("seeded");
        JsonNode first = Json.MAPPER.readTree(Json.MAPPER.readTree(firstOut.toString()).get("body").asText());
        JsonNode second = Json.MAPPER.readTree(Json.MAPPER.readTree(secondOut.toString()).get("body").asText());
        assertThat(second).isEqualTo(first);
    }

    @Test
    @DisplayName("the seeded session lies under the event's bearer token: the exported authorizer allows it as the demo user")
    void seededSessionMatchesTheEventsToken(@TempDir Path data) throws IOException {
        StringBuilder ignored = new StringBuilder();
        assertThat(runCapturing(ignored, ignored,
                "invoke", "GetMeFunction", "-e", event("get-me.json").toString(), "--data", data.toString())).isZero();
        StringBuilder stdout = new StringBuilder();
        StringBuilder stderr = new StringBuilder();

        int exit = runCapturing(stdout, stderr,
                "invoke", "AuthorizerFunction", "-e", event("authorizer.json").toString(), "--data", data.toString());

        assertThat(exit).as(stderr.toString()).isZero();
        JsonNode decision = Json.MAPPER.readTree(stdout.toString());
        assertThat(decision.path("context").path("signedInAt").asText()).as("when the seeded session signed in").isNotEmpty();
        ((com.fasterxml.jackson.databind.node.ObjectNode) decision.path("context")).remove("signedInAt");
        assertThat(decision.path("isAuthorized").asBoolean()).as(decision.toString()).isTrue();
        assertThat(decision.path("context")).as(decision.toString()).isEqualTo(Json.MAPPER.createObjectNode()
                .put("userId", DemoUser.USER_ID).put("credentialType", "session").put("sessionId", DemoUser.SESSION_ID)
                .put("mfa", false));
    }
}
