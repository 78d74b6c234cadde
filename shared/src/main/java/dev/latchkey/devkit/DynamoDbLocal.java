package dev.latchkey.devkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local 3.x running inside this JVM, for tests and the dev server.
 *
 * <p>Tests share one in-memory instance per JVM ({@link #shared()}) and give every test class its own
 * table ({@link #createUniqueTable(String)}), so test classes never see each other's items.
 * The server's threads are not daemons: whoever {@link #start starts} an instance closes it.
 */
public final class DynamoDbLocal implements AutoCloseable {

    public static final Region REGION = Region.US_EAST_1;

    private static final String SQLITE4JAVA_LIBRARY_PATH = "sqlite4java.library.path";
    /** "libsqlite4java-linux-amd64-1.0.392.so" -> "libsqlite4java-linux-amd64.so", the name sqlite4java loads. */
    private static final Pattern VERSIONED_NATIVE =
            Pattern.compile("((?:lib)?sqlite4java-[a-z0-9_-]+?)-\\d+(?:\\.\\d+)*\\.(so|dylib|jnilib|dll)");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int START_ATTEMPTS = 5;

    private static DynamoDbLocal shared;

    private final DynamoDBProxyServer server;
    private final int port;
    private final Optional<Path> dataDir;
    private DynamoDbClient client;
    private boolean closed;

    private DynamoDbLocal(DynamoDBProxyServer server, int port, Optional<Path> dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /** One in-memory instance per JVM on a free port, stopped by a shutdown hook. */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null || shared.closed) {
            DynamoDbLocal instance = start(Optional.empty(), 0);
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("dynamodb-local-stop").unstarted(instance::close));
            shared = instance;
        }
        return shared;
    }

    /**
     * Starts a server: in memory, or keeping its state in {@code dataDir} ({@code -dbPath}).
     *
     * @param port 0 for a free port
     */
    public static DynamoDbLocal start(Optional<Path> dataDir, int port) {
        prepareNativeLibraries();
        dataDir.ifPresent(DynamoDbLocal::createDirectories);
        Exception last = null;
        for (int attempt = 0; attempt < (port == 0 ? START_ATTEMPTS : 1); attempt++) {
            int chosen = port == 0 ? freePort() : port;
            List<String> args = new ArrayList<>(List.of("-port", String.valueOf(chosen), "-disableTelemetry", "-sharedDb"));
            if (dataDir.isPresent()) {
                args.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
            } else {
                args.add("-inMemory");
            }
            DynamoDBProxyServer server = null;
            try {
                server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                server.start();
                return new DynamoDbLocal(server, chosen, dataDir);
            } catch (Exception e) {
                last = e;
                stopQuietly(server);
            }
        }
        throw new IllegalStateException("DynamoDB Local did not start" + (port == 0 ? "" : " on port " + port), last);
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Optional<Path> dataDir() {
        return dataDir;
    }

    /** A client for this server (us-east-1, dummy keys). Owned by this instance: do not close it. */
    public synchronized DynamoDbClient client() {
        if (client == null) {
            client = newClient(endpoint());
        }
        return client;
    }

    /** A client for any DynamoDB Local endpoint; the caller closes it. */
    public static DynamoDbClient newClient(URI endpoint) {
        return DynamoDbClient.builder()
                .region(REGION)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .build();
    }

    /**
     * Creates {@code name} from template.yaml's table definition unless it exists, and waits until it
     * is ACTIVE. Returns the name.
     */
    public String createTable(String name) {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        createTable(client(), template, name);
        return name;
    }

    /** {@code prefix-<random>}: a fresh table per test class. */
    public String createUniqueTable(String prefix) {
        return createTable(prefix + "-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36));
    }

    /** Creates the template's table as {@code name} through any client, unless it exists. */
    public static void createTable(DynamoDbClient client, SamTemplate template, String name) {
        if (!exists(client, name)) {
            CreateTableRequest request = template.createTableRequest(name);
            try {
                client.createTable(request);
            } catch (ResourceInUseException alreadyCreated) {
                // created concurrently: fine, it exists
            }
            template.timeToLiveAttribute().ifPresent(attribute -> client.updateTimeToLive(r -> r
                    .tableName(name)
                    .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true))));
        }
        client.waiter().waitUntilTableExists(r -> r.tableName(name));
        TableStatus status = client.describeTable(r -> r.tableName(name)).table().tableStatus();
        if (status != TableStatus.ACTIVE) {
            throw new IllegalStateException("table " + name + " is " + status + ", not ACTIVE");
        }
    }

    /** ListTables, not DescribeTable: DynamoDB Local logs a stack trace for every DescribeTable of a missing table. */
    private static boolean exists(DynamoDbClient client, String name) {
        return client.listTablesPaginator().tableNames().stream().anyMatch(name::equals);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (client != null) {
            client.close();
        }
        stopQuietly(server);
    }

    private static void stopQuietly(DynamoDBProxyServer server) {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("DynamoDB Local did not stop cleanly: " + e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }

    // ------------------------------------------------------------------ sqlite4java natives

    private static boolean nativesPrepared;

    /**
     * sqlite4java loads its native library from {@code sqlite4java.library.path}, under an unversioned
     * name. Maven puts the natives on the class path (or in the local repository) under versioned names,
     * so copy them, renamed, into a temporary directory and point the property there.
     * (DynamoDB Local 3.x also carries its own copies and extracts them; this keeps both loaders happy.)
     */
    static synchronized void prepareNativeLibraries() {
        if (nativesPrepared || System.getProperty(SQLITE4JAVA_LIBRARY_PATH) != null) {
            nativesPrepared = true;
            return;
        }
        List<Path> natives = nativesOnClassPath();
        if (natives.isEmpty()) {
            natives = nativesInLocalRepository();
        }
        if (natives.isEmpty()) {
            nativesPrepared = true; // leave it to DynamoDB Local's own extraction
            return;
        }
        try {
            Path dir = Files.createTempDirectory("latchkey-sqlite4java");
            dir.toFile().deleteOnExit();
            for (Path source : natives) {
                Matcher matcher = VERSIONED_NATIVE.matcher(source.getFileName().toString());
                String name = matcher.matches()
                        ? matcher.group(1) + "." + matcher.group(2)
                        : source.getFileName().toString();
                Path target = dir.resolve(name);
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                target.toFile().deleteOnExit();
            }
            System.setProperty(SQLITE4JAVA_LIBRARY_PATH, dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare sqlite4java's native libraries", e);
        }
        nativesPrepared = true;
    }

    private static List<Path> nativesOnClassPath() {
        return Stream.of(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .filter(DynamoDbLocal::isSqliteNative)
                .filter(Files::isRegularFile)
                .toList();
    }

    private static List<Path> nativesInLocalRepository() {
        Path repository = Optional.ofNullable(System.getProperty("maven.repo.local"))
                .map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".m2", "repository"));
        Path group = repository.resolve("com/almworks/sqlite4java");
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(group)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(group, 3)) {
            // newest version last wins: sort so later versions overwrite earlier copies
            files.filter(Files::isRegularFile).filter(DynamoDbLocal::isSqliteNative).sorted().forEach(found::add);
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }

    private static boolean isSqliteNative(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            return false;
        }
        String name = fileName.toString();
        return name.contains("sqlite4java")
                && (name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".jnilib") || name.endsWith(".dll"));
    }
}
