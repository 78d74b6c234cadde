package dev.latchkey.local;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run the dev server.
 *
 * @param port             the HTTP port on 127.0.0.1; 0 for a free one
 * @param dataDir          keep DynamoDB Local's state here; empty: in memory
 * @param sesEndpoint      send mail through SES at this endpoint (e.g. moto); empty: the local outbox
 * @param dynamoDbEndpoint use this DynamoDB (e.g. {@code DynamoDbLocal.shared().endpoint()} in tests)
 *                         instead of starting an embedded one; {@code dataDir} is then ignored
 * @param tableName        the table, created from template.yaml if absent
 * @param template         template.yaml; empty: {@code SamTemplate.locate()}
 * @param out              where the banner and the request log go
 * @param clock            the functions' clock: the system's; tests move their own instead of sleeping
 */
public record DevServerOptions(
        int port,
        Optional<Path> dataDir,
        Optional<URI> sesEndpoint,
        Optional<URI> dynamoDbEndpoint,
        String tableName,
        Optional<Path> template,
        PrintStream out,
        Clock clock) {

    public static final int DEFAULT_PORT = 3000;
    public static final String DEFAULT_TABLE = "latchkey";

    public DevServerOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(sesEndpoint, "sesEndpoint");
        Objects.requireNonNull(dynamoDbEndpoint, "dynamoDbEndpoint");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(clock, "clock");
    }

    /** Port 3000, in memory, local outbox, table "latchkey", the repository's template, stdout. */
    public static DevServerOptions defaults() {
        return new DevServerOptions(DEFAULT_PORT, Optional.empty(), Optional.empty(), Optional.empty(),
                DEFAULT_TABLE, Optional.empty(), System.out, Clock.systemUTC());
    }

    /** For tests: a free port, everything else as {@link #defaults()}. */
    public static DevServerOptions ephemeral() {
        return defaults().withPort(0);
    }

    public DevServerOptions withPort(int newPort) {
        return new DevServerOptions(newPort, dataDir, sesEndpoint, dynamoDbEndpoint, tableName, template, out, clock);
    }

    public DevServerOptions withDataDir(Path dir) {
        return new DevServerOptions(port, Optional.of(dir), sesEndpoint, dynamoDbEndpoint, tableName, template, out, clock);
    }

    public DevServerOptions withSesEndpoint(URI endpoint) {
        return new DevServerOptions(port, dataDir, Optional.of(endpoint), dynamoDbEndpoint, tableName, template, out, clock);
    }

    /** Use an already running DynamoDB (and this table in it) instead of starting one. */
    public DevServerOptions withDynamoDb(URI endpoint, String table) {
        return new DevServerOptions(port, dataDir, sesEndpoint, Optional.of(endpoint), table, template, out, clock);
    }

    public DevServerOptions withTemplate(Path file) {
        return new DevServerOptions(port, dataDir, sesEndpoint, dynamoDbEndpoint, tableName, Optional.of(file), out, clock);
    }

    public DevServerOptions withClock(Clock newClock) {
        return new DevServerOptions(port, dataDir, sesEndpoint, dynamoDbEndpoint, tableName, template, out, newClock);
    }

    public DevServerOptions withOut(PrintStream stream) {
        return new DevServerOptions(port, dataDir, sesEndpoint, dynamoDbEndpoint, tableName, template, stream, clock);
    }
}
