package dev.latchkey.devkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code moto_server} (moto 5.x, the AWS emulator) on a free loopback port, for tests of the AWS
 * adapters (SES, KMS). Started per test class in {@code @BeforeAll}, closed in {@code @AfterAll}.
 *
 * <p>A missing {@code moto_server} fails the test rather than skipping it: these tests are the only
 * ones that talk to the real AWS APIs' wire formats.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;
    private final URI endpoint;

    private MotoServer(Process process, Path log, URI endpoint) {
        this.process = process;
        this.log = log;
        this.endpoint = endpoint;
    }

    /**
     * Starts {@code moto_server} and waits until it answers {@code GET /moto-api/}. Fails the calling
     * test when {@code moto_server} is not on PATH, exits early or does not answer in time.
     */
    public static MotoServer start() throws IOException, InterruptedException {
        Path executable = findOnPath("moto_server").orElseGet(() -> fail("""
                moto_server is not on PATH, and the tests of the AWS adapters need it: it is the SES and KMS \
                emulator they talk to. Install it with  pip install 'moto[server]'  (moto 5.2) and make sure \
                the directory holding moto_server is on PATH."""));
        int port = freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        Path log = Files.createTempFile("moto-server-", ".log");
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(log);
            throw e;
        }
        MotoServer moto = new MotoServer(process, log, endpoint);
        try {
            moto.awaitReady();
        } catch (Throwable notReady) {
            try {
                moto.close();
            } catch (IOException | RuntimeException closing) {
                notReady.addSuppressed(closing);
            }
            throw notReady;
        }
        return moto;
    }

    /** Where the server listens: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    /** What the server printed so far. */
    public String output() {
        try {
            return Files.readString(log, UTF_8);
        } catch (IOException e) {
            return "(could not read moto_server output: " + e + ")";
        }
    }

    /** Stops the server and its children and deletes its log. */
    @Override
    public void close() throws IOException {
        // Children first: once the parent is gone they are no longer its descendants.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                tree.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            tree.forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(log);
    }

    /** A loopback port nobody listened on a moment ago: for the server, or for an endpoint that must not answer. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpRequest ping = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(1)).GET().build();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    fail("moto_server exited with status " + process.exitValue() + " before answering:\n" + output());
                }
                try {
                    if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // keep polling until the deadline
                }
                Thread.sleep(100);
            }
        }
        fail("moto_server did not answer GET /moto-api/ within " + STARTUP_LIMIT.toSeconds() + " s:\n" + output());
    }

    private static Optional<Path> findOnPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
