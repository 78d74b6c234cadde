package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The command line")
class MainTest {

    private static int runCapturingStderr(StringBuilder stderr, String... args) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return Main.run(args);
        } finally {
            System.setErr(original);
            stderr.append(captured.toString(StandardCharsets.UTF_8));
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
}
