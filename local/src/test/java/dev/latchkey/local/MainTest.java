package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

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
}
