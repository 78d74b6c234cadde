package dev.latchkey.local.bench;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.latchkey.session.SignedIn;
import dev.latchkey.signup.SignupCommand;
import dev.latchkey.config.Config;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.devkit.SamTemplate.FunctionDef;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.local.bench.crac.CheckpointException;
import dev.latchkey.local.bench.crac.Core;
import dev.latchkey.local.bench.crac.Resource;
import dev.latchkey.local.bench.crac.RestoreException;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.session.IssuedSession;
import dev.latchkey.auth.Principal;

/**
 * Cold starts of every function in template.yaml, each in fresh JVMs with Lambda's JIT flags and a comparable heap,
 * against an embedded DynamoDB Local, next to a floor measured in the same run: a raw-{@code DynamoDbClient} handler
 * ({@link BaselineRunner}) in a JVM of its own jar, which holds nothing but that handler and the SDK it needs.
 *
 * <p>{@link #run(int, PrintStream)} starts DynamoDB Local in this JVM, creates the template's table, seeds it through
 * the application's own Dagger component (users, sessions, API keys, pending signups, reset and email-change links,
 * applications with members and invitations, a deleted user for the clean-up) so that every
 * function's events/ event — personalised per run and per variant — takes its real, successful path, builds the
 * floor's jar, then starts {@code runs} JVMs per row and {@link Variant}, interleaved, and returns a Markdown section
 * with the medians: per JVM the init and first response the child measures itself ({@link ColdStartRunner}), and
 * the whole process as this JVM sees it (wall time from start to exit; CPU time and peak resident memory from GNU
 * time, else from the child's /proc/self just before it exits).
 */
public final class ColdStartBench {
    /** Lambda gives the Java runtime's heap about 85% of the function's memory. */
    static final double HEAP_SHARE = 0.85;
    static final int DEFAULT_RUNS = 10;
    static final String FLOOR_ROW = "Floor: raw DynamoDbClient GetItem";
    /**
     * Measured with full tiering too (a read and the authorizer), and restored (a read and a sign-in, whose password
     * hash the priming compiles); every function with Lambda's C1-only flags. More would take the whole bench past
     * 15 minutes on 2 cores.
     */
    static final List<String> FULL_TIERING_FUNCTIONS = List.of("GetMeFunction", "AuthorizerFunction");
    static final List<String> RESTORED_FUNCTIONS = List.of("GetMeFunction", "CreateSessionFunction");

    private static final String PASSWORD = "correct horse battery staple";
    private static final String MAIL_FROM = "no-reply@latchkey.local";
    private static final String LINK_BASE = "http://localhost:3000";
    private static final String USER_AGENT = "latchkey-coldstart-bench";
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEALING_KEY_FILE = "totp-sealing.key";
    private static final String TOTP_AT_LAUNCH = "TOTP-AT-LAUNCH:";

    /** The TOTP code of this moment for a base32 secret, as an authenticator app shows it. */
    static String totp(String base32Secret) {
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(base32Secret,
                    Math.floorDiv(java.time.Instant.now().getEpochSecond(), 30));
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }

    private ColdStartBench() {
    }

    /** How a child JVM is started: its JIT flags, and whether it runs the CRaC hooks before the first request. */
    enum Variant {
        /** Lambda's Java runtime without SnapStart: C1 only. */
        C1(List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"), List.of()),
        /** java25 with SnapStart or provisioned concurrency: Lambda keeps the JVM's default tiering (C1 + C2). */
        FULL_TIERING(List.of("-XX:+TieredCompilation"), List.of()),
        /**
         * As {@link #FULL_TIERING}, with the functions' CRaC hooks run after init (see {@link dev.latchkey.local.bench.crac})
         * and connections not kept alive, since none survives a restore; the first request is timed after the hooks.
         */
        RESTORED(List.of("-XX:+TieredCompilation"),
                List.of("-Dorg.crac.Core.Compat=" + Core.class.getPackageName(), "-Dhttp.keepAlive=false"));

        final List<String> jit;
        final List<String> properties;

        Variant(List<String> jit, List<String> properties) {
            this.jit = jit;
            this.properties = properties;
        }

        boolean measures(String logicalId) {
            return switch (this) {
                case C1 -> true;
                case FULL_TIERING -> FULL_TIERING_FUNCTIONS.contains(logicalId);
                case RESTORED -> RESTORED_FUNCTIONS.contains(logicalId);
            };
        }
    }

    /** {@code ColdStartBench [runs] [only]}: prints the Markdown section to stdout, progress to stderr. */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RUNS;
        Set<String> only = args.length > 1 ? Set.of(args[1].split(",")) : null;
        PrintStream stdout = System.out;
        System.setOut(System.err); // DynamoDB Local prints its banner to stdout
        String markdown = only == null ? run(runs, System.err) : run(runs, System.err, only::contains);
        stdout.println(markdown);
        stdout.flush();
        System.exit(0);
    }

    /**
     * Measures every function of template.yaml and the floor, {@code runs} fresh JVMs per row and variant (1 or more;
     * the report calls medians of fewer than {@value #DEFAULT_RUNS} rough), and returns the Markdown section. Needs
     * {@code functions/target/latchkey-functions.jar} and {@code local/target/floor-lib} (./mvnw package).
     */
    public static String run(int runs, PrintStream progress) throws Exception {
        // for a quick look at a few functions (e.g. GetMeFunction,RefreshSessionFunction); never set for the published figures
        String only = System.getenv("LATCHKEY_BENCH_FUNCTIONS");
        if (only != null && !only.isBlank()) {
            Set<String> names = Set.of(only.trim().split("\\s*,\\s*"));
            return run(runs, progress, names::contains);
        }
        return run(runs, progress, logicalId -> true);
    }

    static void checkRuns(int runs) {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be at least 1, not " + runs);
        }
    }

    /** As {@link #run(int, PrintStream)}, for the functions whose logical id passes {@code functionFilter}. */
    static String run(int runs, PrintStream progress, Predicate<String> functionFilter) throws Exception {
        checkRuns(runs);
        long started = System.nanoTime();
        Path templateFile = SamTemplate.locate();
        SamTemplate template = SamTemplate.load(templateFile);
        Path root = templateFile.toAbsolutePath().getParent();
        Path functionsJar = functionsJar(root);
        Path serializationJar = serializationJar(root);
        List<FunctionDef> functions = template.functions().stream().filter(f -> functionFilter.test(f.logicalId())).toList();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");

        Path work = Files.createTempDirectory("latchkey-coldstart");
        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start(Optional.empty(), 0)) {
            // a snapshot of the jar (a rebuild during the run cannot mix versions) and only the runners' classes
            // from this module (with the devkit's LambdaContext, the runtime's part), so the children see nothing
            // the deployment jar does not have
            Path jarCopy = Files.copy(functionsJar, work.resolve(functionsJar.getFileName()));
            String classPath = String.join(File.pathSeparator,
                    jarCopy.toString(), runnerClasses(work.resolve("runners")).toString(), serializationJar.toString());
            FloorJar floor = FloorJar.build(work.resolve(FloorJar.NAME), floorLib(root));
            progress.printf("cold start: the floor's class path is %s (%,d bytes, %,d classes): %s%n",
                    floor.jar(), floor.bytes(), floor.classFiles(), floor.contents());
            String table = dynamoDb.createTable("latchkey-coldstart");
            progress.printf("cold start: DynamoDB Local at %s, table %s; seeding %d run(s) of %d function(s)%n",
                    dynamoDb.endpoint(), table, runs, functions.size());
            Fixtures fixtures = new Fixtures(quietComponent(seedingConfig(table, dynamoDb.endpoint(), work)));
            Events events = new Events(root.resolve("events"), work, fixtures);

            // every event of every run and variant is prepared (and its state seeded) before the first JVM starts
            long seeding = System.nanoTime();
            List<Map<Variant, Map<String, Path>>> eventFiles = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Map<Variant, Map<String, Path>> files = new EnumMap<>(Variant.class);
                for (Variant variant : Variant.values()) {
                    Map<String, Path> rows = new LinkedHashMap<>();
                    for (FunctionDef function : functions) {
                        if (variant.measures(function.logicalId())) {
                            rows.put(function.logicalId(), events.prepare(function.logicalId(), run,
                                    function.logicalId() + "-" + variant.name().toLowerCase(Locale.ROOT)));
                        }
                    }
                    rows.put(FLOOR_ROW, events.prepare("GetMeFunction", run, "floor-" + variant.name().toLowerCase(Locale.ROOT)));
                    files.put(variant, rows);
                }
                eventFiles.add(files);
            }
            progress.printf("cold start: seeded in %.1f s%n", (System.nanoTime() - seeding) / 1e9);

            int memoryMb = template.function("GetMeFunction").map(FunctionDef::memorySizeMb).orElse(1024);
            Map<String, String> baseEnv = environment(table, dynamoDb.endpoint());
            baseEnv.put("LATCHKEY_SEALING_KEY_FILE", work.resolve(SEALING_KEY_FILE).toString());
            Map<Variant, Map<String, List<Sample>>> samples = new EnumMap<>(Variant.class);
            Map<String, List<Sample>> replays = new LinkedHashMap<>();
            int jvms = 0;
            for (int run = 1; run <= runs; run++) {
                for (Variant variant : Variant.values()) {
                    for (Map.Entry<String, Path> row : eventFiles.get(run - 1).get(variant).entrySet()) {
                        Sample sample;
                        if (row.getKey().equals(FLOOR_ROW)) {
                            Map<String, String> env = new LinkedHashMap<>(baseEnv);
                            env.put("AWS_LAMBDA_FUNCTION_NAME", "FloorFunction");
                            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMb));
                            sample = launch(java, floor.jar().toString(), memoryMb, env, work, variant,
                                    BaselineRunner.class, row.getValue().toString());
                        } else {
                            FunctionDef function = template.function(row.getKey()).orElseThrow();
                            Map<String, String> env = new LinkedHashMap<>(function.literalEnvironment());
                            env.putAll(baseEnv);
                            env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
                            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySizeMb()));
                            events.codesAtLaunch(row.getValue());
                            sample = launch(java, classPath, function.memorySizeMb(), env, work, variant, ColdStartRunner.class,
                                    function.handlerClass(), row.getValue().toString());
                        }
                        samples.computeIfAbsent(variant, v -> new LinkedHashMap<>())
                                .computeIfAbsent(row.getKey(), name -> new ArrayList<>()).add(sample);
                        jvms++;
                        progress.printf("cold start [%d/%d] %-12s %-30s %s%n", run, runs, variant.name().toLowerCase(Locale.ROOT),
                                row.getKey().equals(FLOOR_ROW) ? "floor" : row.getKey(), sample);
                        if (variant == Variant.C1 && !row.getKey().equals(FLOOR_ROW)) {
                            // right after the function: the floor making the same requests, on a partition of its own
                            String scratch = "FLOOR#" + run + "#" + row.getKey();
                            dynamoDb.client().putItem(r -> r.tableName(table).item(BaselineRunner.Handler.item(scratch, "ITEM")));
                            Map<String, String> env = new LinkedHashMap<>(baseEnv);
                            env.put("AWS_LAMBDA_FUNCTION_NAME", "FloorFunction");
                            env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMb));
                            Sample replay = launch(java, floor.jar().toString(), memoryMb, env, work, variant, BaselineRunner.class,
                                    eventFiles.get(run - 1).get(variant).get(FLOOR_ROW).toString(),
                                    "--requests", sample.dynamoShapes(), "--scratch", scratch);
                            if (replay.dynamoRequests() != sample.dynamoRequests()) {
                                throw new IllegalStateException("the floor replaying " + row.getKey() + "'s requests ("
                                        + sample.dynamoShapes() + ") made " + replay.dynamoRequests() + " of them, not " + sample.dynamoRequests());
                            }
                            replays.computeIfAbsent(row.getKey(), name -> new ArrayList<>()).add(replay);
                            jvms++;
                            progress.printf("cold start [%d/%d] %-12s %-30s %s%n", run, runs, "same requests",
                                    "floor as " + row.getKey(), replay);
                        }
                    }
                }
            }
            progress.printf("cold start: %d JVMs, %.0f s in all%n", jvms, (System.nanoTime() - started) / 1e9);
            return markdown(runs, memoryMb, samples, replays, floor);
        } finally {
            deleteTree(work);
        }
    }

    // ------------------------------------------------------------------ the child JVMs

    /**
     * One measurement: what the child printed (see {@link BaselineRunner.Report}) and what this JVM saw of its
     * process: wall time from start to exit, CPU time (user + system, all threads) and peak resident memory.
     */
    record Sample(String status, double constructedMs, double initMs, double deserialiseMs, double handleMs,
            double serialiseMs, double firstResponseMs, double beforeCheckpointMs, double afterRestoreMs, int hooks,
            double wallMs, double cpuMs, double peakRssMb, double classesLoaded, int dynamoRequests, double dynamoWaitMs,
            String dynamoShapes) {
        @Override
        public String toString() {
            return "init %4.0f ms, %sfirst response %4.0f ms (%.0f + %.0f + %.0f); process: wall %5.0f ms, CPU %5.0f ms, peak RSS %3.0f MB, %,.0f classes; %s"
                    .formatted(initMs, hooks == 0 ? "" : "hooks %4.0f + %.0f ms (%d), ".formatted(beforeCheckpointMs, afterRestoreMs, hooks),
                            firstResponseMs, deserialiseMs, handleMs, serialiseMs, wallMs, cpuMs, peakRssMb, classesLoaded, status);
        }
    }

    /** The flags Lambda's Java runtime starts the JVM with (C1 only), and a heap of 85% of the function's memory. */
    static List<String> jvmFlags(int memoryMb) {
        return jvmFlags(Variant.C1, memoryMb);
    }

    static List<String> jvmFlags(Variant variant, int memoryMb) {
        List<String> flags = new ArrayList<>(variant.jit);
        flags.addAll(List.of("-Xshare:auto", "-XX:+UseSerialGC", "-Xmx" + heapMb(memoryMb) + "m"));
        flags.addAll(variant.properties);
        return flags;
    }

    static int heapMb(int memoryMb) {
        return (int) Math.round(memoryMb * HEAP_SHARE);
    }

    /** Whether CPU time and peak RSS come from GNU time (the whole process, exit included) or the child's /proc/self. */
    static boolean gnuTime() {
        return Files.isExecutable(GNU_TIME);
    }

    /** What Lambda would set for a function of this template, with the local endpoint and the outbox for mail. */
    private static Map<String, String> environment(String table, URI endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("TABLE_NAME", table);
        env.put("AWS_REGION", "us-east-1");
        env.put("LATCHKEY_DYNAMODB_ENDPOINT", endpoint.toString());
        env.put("LATCHKEY_MAIL_TRANSPORT", "outbox");
        env.put("LATCHKEY_MAIL_FROM", MAIL_FROM);
        env.put("LATCHKEY_LINK_BASE_URL", LINK_BASE);
        // CreateSession signs the writer in once per run: the default cap (10) would end the sessions seeded for later runs
        env.put("LATCHKEY_MAX_SESSIONS_PER_USER", "100");
        env.put("POWERTOOLS_SERVICE_NAME", "latchkey");
        env.put("POWERTOOLS_METRICS_NAMESPACE", "Latchkey");
        env.put("POWERTOOLS_LOG_LEVEL", "WARN");
        env.put("AWS_EMF_ENVIRONMENT", "Local");
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        return env;
    }

    private static Sample launch(Path java, String classPath, int memoryMb, Map<String, String> env, Path work,
            Variant variant, Class<?> main, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        Path rusage = Files.createTempFile(work, "time", ".txt");
        List<String> command = new ArrayList<>();
        if (gnuTime()) {
            // user and system seconds, maximum resident set in KB, of the whole process as wait4 reports it at exit
            command.addAll(List.of(GNU_TIME.toString(), "-f", "%U %S %M", "-o", rusage.toString()));
        }
        command.add(java.toString());
        command.addAll(jvmFlags(variant, memoryMb));
        // for looking into one run (e.g. -Xlog:class+load:file=/tmp/cl-%p.log); never set for the published figures
        String extra = System.getenv("LATCHKEY_BENCH_JAVA_OPTIONS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        if (variant == Variant.RESTORED) {
            command.add("--restore");
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear(); // only what Lambda would set: nothing of this shell leaks in
        builder.environment().putAll(env);
        long startedNanos = System.nanoTime();
        Process process = builder.start();
        boolean exited = process.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        double wallMs = BaselineRunner.millis(System.nanoTime() - startedNanos);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly); // the JVM under GNU time
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        String time = Files.readString(rusage, StandardCharsets.UTF_8);
        for (Path file : List.of(out, err, rusage)) {
            Files.deleteIfExists(file);
        }
        Optional<String> line = stdout.lines().filter(l -> l.startsWith("{") && l.contains("\"initMs\"")).reduce((a, b) -> b);
        if (!exited || process.exitValue() != 0 || line.isEmpty()) {
            throw new IllegalStateException((exited ? "exit code " + process.exitValue() : "timed out after " + CHILD_TIMEOUT)
                    + " from " + String.join(" ", command) + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr)
                    + "\n--- time\n" + time);
        }
        JsonNode json = JSON.readTree(line.get());
        double cpuMs = json.get("selfCpuMs").asDouble();
        double peakRssKb = json.get("selfPeakRssKb").asDouble();
        if (gnuTime()) {
            String[] fields = time.lines().filter(l -> l.matches("[0-9.]+ [0-9.]+ [0-9]+")).reduce((a, b) -> b)
                    .orElseThrow(() -> new IllegalStateException(GNU_TIME + " -f '%U %S %M' wrote no figures: " + time))
                    .split(" ");
            cpuMs = (Double.parseDouble(fields[0]) + Double.parseDouble(fields[1])) * 1000;
            peakRssKb = Double.parseDouble(fields[2]);
        }
        return new Sample(json.get("status").asText(), json.get("constructedMs").asDouble(), json.get("initMs").asDouble(),
                json.get("deserialiseMs").asDouble(), json.get("handleMs").asDouble(), json.get("serialiseMs").asDouble(),
                json.get("firstResponseMs").asDouble(), json.get("beforeCheckpointMs").asDouble(),
                json.get("afterRestoreMs").asDouble(), json.get("hooks").asInt(), wallMs, cpuMs,
                peakRssKb < 0 ? -1 : peakRssKb / 1024, json.get("classesLoaded").asDouble(),
                json.get("dynamoRequests").asInt(), json.get("dynamoWaitMs").asDouble(), json.get("dynamoShapes").asText());
    }

    private static String tail(String text) {
        return text.length() <= 8000 ? text : "…" + text.substring(text.length() - 8000);
    }

    // ------------------------------------------------------------------ the class path of the child JVMs

    private static Path functionsJar(Path root) {
        Path jar = root.resolve("functions").resolve("target").resolve("latchkey-functions.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the shaded deployment jar " + jar + " is missing: run ./mvnw package first");
        }
        return jar;
    }

    /** The jars Maven copies for the floor (local/pom.xml, execution floor-jars). */
    static Path floorLib(Path root) {
        Path lib = root.resolve("local").resolve("target").resolve("floor-lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: run ./mvnw package first (local/pom.xml copies the floor's jars there)");
        }
        return lib;
    }

    /**
     * The class files of these classes and their nested classes, by resource name, as this JVM loaded them.
     */
    private static Map<String, byte[]> classBytes(List<Class<?>> types) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Class<?> top : types) {
            for (Class<?> type : top.getNestMembers()) {
                String resource = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException(resource + " is not on the class path");
                    }
                    files.put(resource, in.readAllBytes());
                }
            }
        }
        return files;
    }

    /**
     * Copies the class files of ColdStartRunner, BaselineRunner (its output record), the LambdaContext they pass
     * (which the deployment jar leaves out) and the CRaC stand-in into {@code dir}.
     */
    private static Path runnerClasses(Path dir) throws IOException {
        for (Map.Entry<String, byte[]> file : classBytes(List.of(ColdStartRunner.class, BaselineRunner.class,
                LambdaContext.class, DynamoWait.class, Core.class, dev.latchkey.local.bench.crac.Context.class, Resource.class,
                CheckpointException.class, RestoreException.class)).entrySet()) {
            Path target = dir.resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
        Path registration = dir.resolve(DynamoWait.REGISTRATION);
        Files.createDirectories(registration.getParent());
        Files.writeString(registration, DynamoWait.class.getName() + "\n");
        return dir;
    }

    /**
     * The floor's own jar, merged at bench time as the shade plugin merges the deployment jar (functions/pom.xml):
     * BaselineRunner's classes and LambdaContext first, then every jar of {@code sources} in name order (the first copy
     * of an entry wins, META-INF/services files are concatenated; signatures, module-info, Maven and GraalVM metadata
     * are left out). One jar, like the functions' class path, so both JVMs open and search the same kind of class path.
     */
    record FloorJar(Path jar, List<Path> sources, long bytes, int classFiles) {
        static final String NAME = "floor.jar";

        static FloorJar build(Path target, Path lib) throws IOException {
            List<Path> sources;
            try (Stream<Path> files = Files.list(lib)) {
                sources = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
            }
            Map<String, List<String>> versions = sources.stream().map(p -> p.getFileName().toString())
                    .collect(Collectors.groupingBy(name -> name.replaceFirst("-[0-9][0-9A-Za-z.]*\\.jar$", "")));
            versions.values().stream().filter(names -> names.size() > 1).findFirst().ifPresent(names -> {
                throw new IllegalStateException(lib + " holds " + names + ", left from an older build: run ./mvnw clean package");
            });
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            Set<String> written = new HashSet<>();
            Map<String, ByteArrayOutputStream> services = new TreeMap<>();
            int classFiles = 0;
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest)) {
                for (Map.Entry<String, byte[]> file : classBytes(List.of(BaselineRunner.class, LambdaContext.class, DynamoWait.class)).entrySet()) {
                    put(out, file.getKey(), file.getValue());
                    written.add(file.getKey());
                    classFiles++;
                }
                put(out, DynamoWait.REGISTRATION, (DynamoWait.class.getName() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                written.add(DynamoWait.REGISTRATION);
                for (Path source : sources) {
                    try (JarFile in = new JarFile(source.toFile())) {
                        for (JarEntry entry : in.stream().filter(e -> !e.isDirectory() && !leftOut(e.getName())).toList()) {
                            byte[] bytes = in.getInputStream(entry).readAllBytes();
                            if (entry.getName().startsWith("META-INF/services/")) {
                                ByteArrayOutputStream service = services.computeIfAbsent(entry.getName(), n -> new ByteArrayOutputStream());
                                service.write(bytes);
                                service.write('\n');
                            } else if (written.add(entry.getName())) {
                                put(out, entry.getName(), bytes);
                                classFiles += entry.getName().endsWith(".class") ? 1 : 0;
                            }
                        }
                    }
                }
                for (Map.Entry<String, ByteArrayOutputStream> service : services.entrySet()) {
                    put(out, service.getKey(), service.getValue().toByteArray());
                }
            }
            return new FloorJar(target, sources, Files.size(target), classFiles);
        }

        private static boolean leftOut(String name) {
            return name.equals(JarFile.MANIFEST_NAME) || name.matches("META-INF/[^/]+\\.(SF|DSA|RSA)")
                    || name.endsWith("module-info.class") || name.startsWith("META-INF/maven/")
                    || name.startsWith("META-INF/native-image/");
        }

        private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
            out.putNextEntry(new JarEntry(name));
            out.write(bytes);
            out.closeEntry();
        }

        /** "BaselineRunner's classes, LambdaContext, annotations-2.41.0.jar, ...". */
        String contents() {
            return "BaselineRunner's classes, LambdaContext, " + sources.stream().map(p -> p.getFileName().toString())
                    .collect(Collectors.joining(", "));
        }
    }

    /** aws-lambda-java-serialization: the jar this JVM loaded it from, else target/classpath.txt, else ~/.m2. */
    private static Path serializationJar(Path root) throws IOException {
        Optional<Path> loaded = codeSource(LambdaEventSerializers.class.getProtectionDomain().getCodeSource())
                .filter(Files::isRegularFile);
        if (loaded.isPresent()) {
            return loaded.get();
        }
        Path classpathFile = root.resolve("local").resolve("target").resolve("classpath.txt");
        if (Files.isRegularFile(classpathFile)) {
            Optional<Path> listed = Stream.of(Files.readString(classpathFile).trim().split(File.pathSeparator))
                    .filter(entry -> entry.contains("aws-lambda-java-serialization"))
                    .map(entry -> Path.of(entry).toAbsolutePath())
                    .filter(Files::isRegularFile)
                    .findFirst();
            if (listed.isPresent()) {
                return listed.get();
            }
        }
        Path repository = Optional.ofNullable(System.getProperty("maven.repo.local")).map(Path::of)
                .orElse(Path.of(System.getProperty("user.home"), ".m2", "repository"));
        Path jar = repository.resolve("com/amazonaws/aws-lambda-java-serialization/1.1.5/aws-lambda-java-serialization-1.1.5.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        throw new IllegalStateException("aws-lambda-java-serialization not found (not loaded, not in " + classpathFile
                + ", not in " + repository + "): run ./mvnw package first");
    }

    private static Optional<Path> codeSource(CodeSource source) {
        if (source == null || source.getLocation() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }


    // ------------------------------------------------------------------ seeding

    /** What the fixtures seed with: the functions' settings, with the sealing key in a file of {@code work}. */
    static Config seedingConfig(String table, URI endpoint, Path work) {
        return new Config(table, "us-east-1", Optional.of(endpoint), Config.MailTransport.OUTBOX,
                Optional.empty(), MAIL_FROM, URI.create(LINK_BASE), Config.MIN_PASSWORD_ITERATIONS,
                // the fixtures sign the same users in once per run: a cap of 10 would end the sessions seeded for earlier runs
                Duration.ofDays(7), Duration.ofHours(24), Config.DEFAULT_SESSION_IDLE_TIMEOUT, 100)
                // TOTP secrets the fixtures seal, the functions' JVMs unseal: one key file for all
                .withSealingKeyFile(work.resolve(SEALING_KEY_FILE));
    }

    /** The application's own component; its outbox keeps mail without printing it to this JVM's stdout. */
    static LatchkeyComponent quietComponent(Config config) {
        LatchkeyComponent component = Wiring.build(config, Clock.systemUTC());
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            component.outbox(); // the singleton outbox keeps the console it is created with
        } finally {
            System.setOut(stdout);
        }
        return component;
    }

    /** A signed-in user as the authorizer would pass it on: user id, session id and the session's bearer token. */
    record Caller(String userId, String sessionId, String token, String email) {
        Principal principal() {
            return new Principal(userId, Principal.CredentialType.SESSION, sessionId, java.time.Instant.now()); // signed in just now
        }
    }

    /** State in the table, made through the services (the same code paths the functions take). */
    static final class Fixtures {
        private final LatchkeyComponent component;
        private final String nonce = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36);
        private Caller reader;
        private Caller writer;
        private final Map<Integer, Caller> owners = new HashMap<>();
        private final Map<Integer, Caller> members = new HashMap<>();
        private final Map<Integer, String> readApplications = new HashMap<>();
        private int signups; // each signup from its own address, under the per-IP signup limit

        Fixtures(LatchkeyComponent component) {
            this.component = component;
        }

        String email(String role, int run) {
            return role + "-" + nonce + (run > 0 ? "-" + run : "") + "@bench.example.com";
        }

        String username(String role, int run) {
            return role + "-" + nonce + "-" + run;
        }

        /**
         * Reads only: GetMe, ListSessions, ListApiKeys, ListApplications, ListMyInvitations, GetDeletionPreview, the
         * authorizer, the baseline. One session, one API key, a member of two applications and invited to a third.
         */
        Caller reader() {
            if (reader == null) {
                reader = signUpAndConfirm(email("reader", 0), "198.51.100.1");
                component.managingApiKeys().create(reader.principal(), "bench-reader", "listed by ListApiKeys", null, null);
                Caller owner = owner(0);
                join(owner, application(owner, "Read by the reader"), reader, "operator");
                join(owner, application(owner, "Also read by the reader"), reader, "observer");
                invite(owner, application(owner, "The reader is invited to"), reader.email(), "developer");
            }
            return reader;
        }

        /** A user who owns applications, one per run (an owner may own 100). */
        Caller owner(int run) {
            return owners.computeIfAbsent(run, r -> signUpAndConfirm(email("owner", r), "198.51.100.3"));
        }

        /** A second user of run {@code run} who joins the owner's applications. */
        Caller member(int run) {
            return members.computeIfAbsent(run, r -> signUpAndConfirm(email("member", r), "198.51.100.4"));
        }

        /** A new application of {@code owner}; returns its id. */
        String application(Caller owner, String name) {
            return component.managingApplications().create(owner.principal(), name).application().id();
        }

        /** The owner's application of run {@code run} that the reading functions read: the member in it, one invitation out. */
        String readApplication(int run) {
            return readApplications.computeIfAbsent(run, r -> {
                String id = application(owner(r), "Greenhouse sensors " + r);
                join(owner(r), id, member(r), "operator");
                invite(owner(r), id, email("invited", r), "observer");
                return id;
            });
        }

        /** Invites {@code email} into the application; returns the invitation's id and token. */
        Map.Entry<String, String> invite(Caller owner, String applicationId, String email, String role) {
            component.inviting().invite(owner.principal(), applicationId, email, null, role);
            String token = mailedToken(email);
            String id = component.inviting().list(owner.principal(), applicationId).stream()
                    .filter(i -> email.equalsIgnoreCase(i.email())).findFirst().orElseThrow().id();
            return Map.entry(id, token);
        }

        /** {@code member} joins the application as {@code role} (invited, then accepting the mailed token). */
        void join(Caller owner, String applicationId, Caller member, String role) {
            String token = invite(owner, applicationId, member.email(), role).getValue();
            component.inviting().accept(member.principal(), new dev.latchkey.application.Inviting.Reference(token, null, null));
        }

        /** Asks for {@code caller}'s address to change to {@code newEmail}; returns the token mailed to the new address. */
        String emailChangeToken(Caller caller, String newEmail) {
            component.changingEmail().request(caller.principal(), newEmail, PASSWORD);
            return mailedToken(newEmail);
        }

        /**
         * A user with what a typical account keeps (a second session, an API key, an owned application with a member
         * and an invitation out, a membership elsewhere), deleted as DELETE /v1/me deletes it: what the clean-up's stream
         * record then finds. Returns the deleted user.
         */
        Caller deleted(int run, String ip) {
            Caller gone = signUpAndConfirm(email("gone", run), ip);
            newSession(gone, ip);
            component.managingApiKeys().create(gone.principal(), "deploy", null, null, null);
            String owned = application(gone, "Owned by a leaver " + run);
            join(gone, owned, member(run), "developer");
            invite(gone, owned, email("left-invited", run), "observer");
            join(owner(run), readApplication(run), gone, "observer");
            component.deletingAccount().delete(gone.principal(), PASSWORD, null, null);
            return gone;
        }

        /** Signs in and manages credentials: CreateSession, Refresh/DeleteSession, Create/Delete/RegenerateApiKey. */
        Caller writer() {
            if (writer == null) {
                writer = signUpAndConfirm(email("writer", 0), "198.51.100.2");
            }
            return writer;
        }

        Caller signUpAndConfirm(String email, String ip) {
            String token = pendingSignup(email);
            SignedIn signedIn = component.confirmingSignup().confirm(token, PASSWORD, new ClientInfo(ip, USER_AGENT));
            return new Caller(signedIn.account().id(), signedIn.session().session().id(), signedIn.session().token(), email);
        }

        /** Starts a signup and returns the token of its verification mail. */
        String pendingSignup(String email) {
            component.signingUp().signUp(new SignupCommand(email, "Bench User", null), "198.18.0." + (signups++ % 250));
            return mailedToken(email);
        }

        /** A new session of {@code caller}'s user (a sign-in). */
        Caller newSession(Caller caller, String ip) {
            IssuedSession issued = component.signingIn().signIn(caller.email(), PASSWORD, new ClientInfo(ip, USER_AGENT)).session();
            return new Caller(caller.userId(), issued.session().id(), issued.token(), caller.email());
        }

        /** A user with MFA on; returns the caller and one of its recovery codes (no clock in them: they keep). */
        Map.Entry<Caller, String> mfaUser(String email, String ip) {
            Caller caller = signUpAndConfirm(email, ip);
            String secret = component.managingMfa().enrol(caller.principal()).secret();
            List<String> codes = component.managingMfa().verify(caller.principal(), totp(secret), PASSWORD);
            return Map.entry(caller, codes.getFirst());
        }

        String apiKey(Caller owner, String name) {
            return component.managingApiKeys().create(owner.principal(), name, null, null, null).apiKey().id();
        }

        /** Requests a password reset for {@code email} and returns the token of its mail. */
        String resetToken(String email, String ip) {
            component.resettingPassword().request(email, ip);
            return mailedToken(email);
        }

        private String mailedToken(String email) {
            List<MailMessage> mail = component.outbox().messages();
            for (MailMessage message : mail.reversed()) {
                if (message.to().equalsIgnoreCase(email)) {
                    Matcher matcher = TOKEN.matcher(message.text());
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
            }
            throw new IllegalStateException("no mail with a token to " + email + " in the outbox");
        }
    }

    // ------------------------------------------------------------------ events

    /** Turns events/&lt;name&gt;.json into the event of one run, seeding what it needs, and writes it to a file. */
    static final class Events {
        private final Path source;
        private final Path work;
        private final Fixtures fixtures;
        private final Map<String, Caller> launchCallers = new HashMap<>();

        Events(Path source, Path work, Fixtures fixtures) {
            this.source = source;
            this.work = work;
            this.fixtures = fixtures;
        }

        /**
         * Replaces a placeholder {@code TOTP-AT-LAUNCH:<userId>} in the event file: starts (or finds) that user's TOTP
         * set-up and writes the code of this moment, so a set-up seeded long before (they live 15 minutes) is not stale.
         */
        void codesAtLaunch(Path file) throws IOException {
            String text = Files.readString(file);
            int at = text.indexOf(TOTP_AT_LAUNCH);
            if (at >= 0) {
                int end = at + TOTP_AT_LAUNCH.length();
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
                    end++;
                }
                Caller caller = launchCallers.get(text.substring(at + TOTP_AT_LAUNCH.length(), end));
                String secret = fixtures.component.managingMfa().enrol(caller.principal()).secret();
                Files.writeString(file, text.substring(0, at) + totp(secret) + text.substring(end));
            }
        }

        /** SignupFunction → signup.json, GetMeFunction → get-me.json. */
        static String fileName(String logicalId) {
            return logicalId.replaceFirst("Function$", "").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT) + ".json";
        }

        Path prepare(String logicalId, int run) throws IOException {
            return prepare(logicalId, run, logicalId);
        }

        Path prepare(String logicalId, int run, String label) throws IOException {
            Path file = source.resolve(fileName(logicalId));
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(logicalId + " has no event: " + file + " is missing");
            }
            ObjectNode event = (ObjectNode) JSON.readTree(file.toFile());
            personalise(logicalId, run, event);
            Path target = work.resolve(label + "-" + run + ".json");
            JSON.writeValue(target.toFile(), event);
            return target;
        }

        private void personalise(String logicalId, int run, ObjectNode event) {
            String seedIp = "198.51.100." + (10 + run % 240);
            switch (logicalId) {
                case "SignupFunction" -> body(event, Map.of(
                        "email", fixtures.email("signup", run),
                        "username", fixtures.username("signup", run)));
                case "ConfirmSignupFunction" -> body(event, Map.of(
                        "token", fixtures.pendingSignup(fixtures.email("confirm", run))));
                case "CreateSessionFunction" -> body(event, Map.of(
                        "email", fixtures.writer().email(), "password", PASSWORD));
                case "RefreshSessionFunction" -> authorize(event, fixtures.newSession(fixtures.writer(), seedIp));
                case "DeleteSessionFunction" -> {
                    authorize(event, fixtures.writer());
                    pathId(event, fixtures.newSession(fixtures.writer(), seedIp).sessionId());
                }
                case "ChangePasswordFunction" -> {
                    authorize(event, fixtures.signUpAndConfirm(fixtures.email("change", run), seedIp));
                    body(event, Map.of("currentPassword", PASSWORD));
                }
                case "RequestPasswordResetFunction" -> {
                    fixtures.signUpAndConfirm(fixtures.email("forgot", run), seedIp);
                    body(event, Map.of("email", fixtures.email("forgot", run)));
                    sourceIp(event, "203.0.113." + (10 + run % 240)); // per-IP limits stay out of the way
                }
                case "ConfirmPasswordResetFunction" -> {
                    String email = fixtures.email("reset", run);
                    fixtures.signUpAndConfirm(email, seedIp);
                    body(event, Map.of("token", fixtures.resetToken(email, seedIp)));
                }
                case "CreateApiKeyFunction" -> {
                    authorize(event, fixtures.writer());
                    // the session was seeded minutes before this JVM runs: the password is the step-up
                    body(event, Map.of("name", "ci-deploy-" + run, "password", PASSWORD));
                }
                case "DeleteApiKeyFunction" -> {
                    authorize(event, fixtures.writer());
                    pathId(event, fixtures.apiKey(fixtures.writer(), "bench-delete-" + run));
                }
                case "RegenerateApiKeyFunction" -> {
                    authorize(event, fixtures.writer());
                    pathId(event, fixtures.apiKey(fixtures.writer(), "bench-regenerate-" + run));
                    ((ObjectNode) event.get("headers")).put("content-type", "application/json");
                    body(event, Map.of("password", PASSWORD));
                }
                case "EnrolTotpFunction" -> authorize(event, fixtures.signUpAndConfirm(fixtures.email("enrol", run), seedIp));
                // deletes its caller: a user of its own each run, never the shared reader
                case "DeleteMeFunction" -> authorize(event, fixtures.signUpAndConfirm(fixtures.email("delete", run), seedIp));
                case "VerifyTotpFunction" -> {
                    Caller caller = fixtures.signUpAndConfirm(fixtures.email("verify", run), seedIp);
                    launchCallers.put(caller.userId(), caller);
                    authorize(event, caller);
                    // the set-up and its code of the moment the function's JVM starts, made just before (codesAtLaunch)
                    body(event, Map.of("code", TOTP_AT_LAUNCH + caller.userId(), "password", PASSWORD));
                }
                case "DisableTotpFunction", "RegenerateRecoveryCodesFunction" -> {
                    Map.Entry<Caller, String> user = fixtures.mfaUser(fixtures.email(logicalId.startsWith("Disable") ? "disable" : "codes", run), seedIp);
                    authorize(event, user.getKey());
                    body(event, Map.of("code", user.getValue(), "password", PASSWORD));
                }
                case "RequestEmailChangeFunction" -> {
                    authorize(event, fixtures.signUpAndConfirm(fixtures.email("move", run), seedIp));
                    body(event, Map.of("email", fixtures.email("moved", run), "password", PASSWORD));
                }
                case "ConfirmEmailChangeFunction" -> {
                    Caller caller = fixtures.signUpAndConfirm(fixtures.email("confirm-move", run), seedIp);
                    authorize(event, caller);
                    body(event, Map.of("token", fixtures.emailChangeToken(caller, fixtures.email("confirmed-move", run))));
                }
                case "GetApplicationFunction", "UpdateApplicationFunction", "ListMembersFunction", "ListInvitationsFunction" -> {
                    authorize(event, fixtures.owner(run));
                    path(event, "appId", fixtures.readApplication(run));
                }
                case "InviteMemberFunction" -> {
                    authorize(event, fixtures.owner(run));
                    path(event, "appId", fixtures.readApplication(run));
                    body(event, Map.of("email", fixtures.email("newcomer", run)));
                }
                case "DeleteApplicationFunction", "TransferOwnershipFunction", "ChangeMemberRoleFunction", "RemoveMemberFunction" -> {
                    // an application of its own each run, with the member in it (and, for the deletion, an invitation out)
                    Caller owner = fixtures.owner(run);
                    String id = fixtures.application(owner, logicalId + " " + run);
                    fixtures.join(owner, id, fixtures.member(run), "operator");
                    authorize(event, owner);
                    path(event, "appId", id);
                    switch (logicalId) {
                        case "DeleteApplicationFunction" -> fixtures.invite(owner, id, fixtures.email("orphaned", run), "observer");
                        case "TransferOwnershipFunction" -> {
                            ObjectNode replaced = (ObjectNode) JSON.createObjectNode().put("userId", fixtures.member(run).userId());
                            event.put("body", replaced.toString()); // the owner has MFA off: no code
                        }
                        default -> path(event, "userId", fixtures.member(run).userId());
                    }
                }
                case "ResendInvitationFunction", "CancelInvitationFunction" -> {
                    Caller owner = fixtures.owner(run);
                    String id = fixtures.readApplication(run);
                    authorize(event, owner);
                    path(event, "appId", id);
                    path(event, "id", fixtures.invite(owner, id, fixtures.email(logicalId.startsWith("Resend") ? "resent" : "cancelled", run),
                            "observer").getKey());
                }
                case "AcceptInvitationFunction", "DeclineInvitationFunction" -> {
                    Caller invitee = fixtures.signUpAndConfirm(fixtures.email(logicalId.startsWith("Accept") ? "accepting" : "declining", run), seedIp);
                    authorize(event, invitee);
                    body(event, Map.of("token", fixtures.invite(fixtures.owner(run), fixtures.readApplication(run), invitee.email(), "developer").getValue()));
                }
                case "CleanupFunction" -> deletedProfile(event, fixtures.deleted(run, seedIp));
                default -> authorize(event, fixtures.reader()); // GetMe, ListSessions, ListApiKeys, ListApplications, Authorizer, …
            }
        }

        /** The caller's bearer token where the event carries one, and the authorizer's context where it has one. */
        private static void authorize(ObjectNode event, Caller caller) {
            if (event.get("headers") instanceof ObjectNode headers) {
                for (String name : fieldNames(headers)) {
                    if (name.equalsIgnoreCase("authorization")) {
                        headers.put(name, "Bearer " + caller.token());
                    }
                }
            }
            if (event.get("identitySource") instanceof ArrayNode identity) {
                identity.removeAll();
                identity.add("Bearer " + caller.token());
            }
        }

        private static void pathId(ObjectNode event, String id) {
            path(event, "id", id);
        }

        /** Sets path parameter {@code name} and the same segment of the raw path. */
        private static void path(ObjectNode event, String name, String id) {
            if (!(event.get("pathParameters") instanceof ObjectNode parameters) || !parameters.has(name)) {
                throw new IllegalStateException("the event has no pathParameters." + name);
            }
            String old = parameters.get(name).asText();
            parameters.put(name, id);
            event.put("rawPath", event.path("rawPath").asText().replace(old, id));
            if (event.at("/requestContext/http") instanceof ObjectNode http) {
                http.put("path", http.path("path").asText().replace(old, id));
            }
        }

        private static void body(ObjectNode event, Map<String, String> fields) {
            try {
                ObjectNode body = (ObjectNode) JSON.readTree(event.path("body").asText("{}"));
                new TreeMap<>(fields).forEach(body::put);
                String text = JSON.writeValueAsString(body);
                event.put("body", text);
                if (event.get("headers") instanceof ObjectNode headers && headers.has("content-length")) {
                    headers.put("content-length", String.valueOf(text.getBytes(StandardCharsets.UTF_8).length));
                }
            } catch (IOException e) {
                throw new IllegalStateException("the event's body is not a JSON object", e);
            }
        }

        /** The stream record of the profile's REMOVE: keys and old image of {@code gone}, who was deleted just now. */
        private static void deletedProfile(ObjectNode event, Caller gone) {
            for (JsonNode record : event.path("Records")) {
                ObjectNode dynamodb = (ObjectNode) record.get("dynamodb");
                for (String image : List.of("Keys", "OldImage")) {
                    ((ObjectNode) dynamodb.get(image)).putObject("pk").put("S", "USER#" + gone.userId());
                }
                ObjectNode old = (ObjectNode) dynamodb.get("OldImage");
                old.putObject("id").put("S", gone.userId());
                old.putObject("email").put("S", gone.email());
                old.putObject("emailNormalized").put("S", gone.email().toLowerCase(Locale.ROOT));
                old.remove("username");
            }
        }

        private static void sourceIp(ObjectNode event, String ip) {
            if (event.at("/requestContext/http") instanceof ObjectNode http) {
                http.put("sourceIp", ip);
            }
            if (event.get("headers") instanceof ObjectNode headers && headers.has("x-forwarded-for")) {
                headers.put("x-forwarded-for", ip);
            }
        }

        private static List<String> fieldNames(ObjectNode node) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names;
        }
    }

    // ------------------------------------------------------------------ the report

    /** A column of the tables: a figure of each sample, shown as median (min–max) and as a ratio to the floor's median. */
    private record Column(String header, ToDoubleFunction<Sample> metric) {
    }

    private static final List<Column> PROCESS_COLUMNS = List.of(
            new Column("Init ms", Sample::initMs),
            new Column("First response ms", Sample::firstResponseMs),
            new Column("Process wall ms", Sample::wallMs),
            new Column("Process CPU ms", Sample::cpuMs),
            new Column("Peak RSS MB", Sample::peakRssMb),
            new Column("Classes loaded", Sample::classesLoaded),
            new Column("DynamoDB requests", Sample::dynamoRequests),
            new Column("DynamoDB wait ms", Sample::dynamoWaitMs),
            new Column("Wall less DynamoDB wait ms", s -> s.wallMs() - s.dynamoWaitMs()));

    private static final List<Column> RESTORE_COLUMNS = List.of(
            new Column("Init ms", Sample::initMs),
            new Column("beforeCheckpoint hooks ms", Sample::beforeCheckpointMs),
            new Column("afterRestore hooks ms", Sample::afterRestoreMs),
            new Column("Restored first response ms", Sample::firstResponseMs));

    static String markdown(int runs, int memoryMb, Map<Variant, Map<String, List<Sample>>> samples,
                           Map<String, List<Sample>> replays, FloorJar floor) {
        Map<String, List<Sample>> c1 = samples.getOrDefault(Variant.C1, Map.of());
        Map<String, List<Sample>> tiered = samples.getOrDefault(Variant.FULL_TIERING, Map.of());
        Map<String, List<Sample>> restored = samples.getOrDefault(Variant.RESTORED, Map.of());
        StringBuilder md = new StringBuilder();
        if (runs < DEFAULT_RUNS) {
            md.append("**Rough:** ").append(runs).append(runs == 1 ? " run" : " runs")
                    .append(" per row. A median of fewer than ").append(DEFAULT_RUNS)
                    .append(" fresh JVMs moves with whatever else the machine is doing: a quick look, not a result.\n\n");
        }
        md.append("### C1 only: Lambda's default, without SnapStart\n\n");
        md.append(table(c1, PROCESS_COLUMNS)).append('\n');
        md.append(againstGetMe(c1));
        md.append(againstSameRequests(c1, replays));
        md.append("### C1 + C2: full tiering, as java25 keeps it with SnapStart\n\n");
        md.append(table(tiered, PROCESS_COLUMNS)).append('\n');
        md.append("### Restored from a snapshot, emulated (C1 + C2)\n\n");
        md.append(table(restored, RESTORE_COLUMNS)).append('\n');

        Runtime.Version version = Runtime.version();
        md.append("Each cell is the median (min–max) of ").append(runs).append(" fresh JVM").append(runs == 1 ? "" : "s")
                .append(" per row, then that median ÷ the floor's median in the same table. The JVMs run one at a time, interleaved: each round runs every function with C1 only, each followed at once by the floor making that function's requests (see that table), then the floor, then ")
                .append(names(FULL_TIERING_FUNCTIONS)).append(" and the floor with full tiering, then ")
                .append(names(RESTORED_FUNCTIONS)).append(" and the floor restored. C1 only is Lambda's Java runtime without SnapStart: `")
                .append(String.join(" ", jvmFlags(Variant.C1, memoryMb)))
                .append("` (heap ≈ 85% of the template's ").append(memoryMb).append(" MB) on JDK ").append(version.feature())
                .append(". C1 + C2 drops `-XX:TieredStopAtLevel=1`: Lambda keeps the JVM's default tiering on `java25` with SnapStart or provisioned concurrency, so this is the init that builds a snapshot (or a provisioned instance) and a first request served without one. Full tiering and restored run for a few functions only (a read, the authorizer, a sign-in, which verifies a password), to keep the whole bench near 15 minutes on 2 cores. ");
        md.append("A function's class path is the shaded `latchkey-functions.jar` plus the runtime's `aws-lambda-java-serialization`, with the environment the template sets, DynamoDB Local in the harness's JVM as endpoint and mail kept in the in-memory outbox; each event is a copy of the function's `events/` file pointed at users, sessions, keys, links, applications, members and invitations seeded for that run and variant (the clean-up's, the stream record of a user with sessions, a key, an owned application and a membership, deleted just before), so every response above is the real path (`ColdStartEventsTest` answers the events of two runs of every function in one JVM and fails on any other than 2xx, an allowing authorizer or an empty `batchItemFailures`). ");
        md.append("Init is what Lambda's Java runtime does before the first invocation: JVM start (the runtime MXBean's start time) to the handler constructed through its no-arg constructor (Dagger component, AWS clients) and, for a handler that is not a `RequestStreamHandler`, the runtime's serializers for its input and output types created (every Latchkey handler is a stream handler, so none are); first response is the first invocation: event JSON to input object, `handleRequest`, output object to response JSON");
        Optional.ofNullable(c1.get("GetMeFunction")).filter(l -> !l.isEmpty()).ifPresent(getMe -> md
                .append(" (GetMe with C1 only, medians: handler constructed at ").append(Math.round(median(getMe, Sample::constructedMs)))
                .append(" ms; first response ").append(firstResponseParts(getMe))
                .append(Optional.ofNullable(restored.get("GetMeFunction")).filter(l -> !l.isEmpty())
                        .map(r -> "; restored: " + firstResponseParts(r)).orElse(""))
                .append(")"));
        md.append(". The process columns are the whole JVM as the harness sees it: wall time from starting the process to its exit (JVM boot before the MXBean's start time and the exit, shutdown hooks included); ")
                .append(gnuTime()
                        ? "CPU time (user + system, every thread: JIT compilers and GC too) and peak resident memory as GNU time (`/usr/bin/time -f '%U %S %M'`) reports them from `wait4` at exit, CPU in steps of 10 ms"
                        : "CPU time (user + system, every thread: JIT compilers and GC too, `/proc/self/stat`) and peak resident memory (`VmHWM`, `/proc/self/status`) read by the child once its response is out, just before it exits (GNU time, `/usr/bin/time`, is not installed here)")
                .append("; classes loaded is the JVM's count when the response is out, including the 300 or so `java.lang.management` classes the runner itself loads afterwards to read the JVM's start time and that count (the same for every row). ")
                .append("DynamoDB requests and DynamoDB wait are the first response's requests to DynamoDB and the time from each leaving the SDK's HTTP client to its answer arriving (the round trip and DynamoDB Local's own time, not the SDK's marshalling), counted by `DynamoWait`, a global SDK interceptor registered on the children's class path only (the floor's too); wall less DynamoDB wait is the process wall time without that wait: what a function's own code and libraries cost apart from the requests its operation makes, the figure by which to compare functions that make more requests than GetMe's two. ");
        md.append("The floor is `BaselineRunner`: a `RequestStreamHandler` that builds a raw `DynamoDbClient` at init (UrlConnectionHttpClient, explicit region, static credentials, endpoint override) and answers GetMe's event bytes with the same consistent `GetItem`s (the session by its token's SHA-256, then `USER#{id}`/`PROFILE`) and hand-written JSON. It runs from a jar of its own, merged at bench time as the shade plugin merges the deployment jar: `")
                .append(FloorJar.NAME).append("`, ").append(String.format(Locale.ROOT, "%,d", floor.bytes())).append(" bytes, ")
                .append(String.format(Locale.ROOT, "%,d", floor.classFiles())).append(" classes: ").append(floor.contents())
                .append(" (the jars `local/pom.xml` copies to `local/target/floor-lib`: the DynamoDB client's dependencies, aws-lambda-java-core, and slf4j-nop so SLF4J finds a provider instead of warning). No Log4j, Jackson databind, Powertools or Lambda event serializers are on its class path, and as a stream handler it needs no runtime serializers: the ratios are what Latchkey's code and its libraries add to the least any Java function reading DynamoDB pays. ");
        md.append("Restored is an emulation: there is no CRaC on this JDK (`java -XX:CRaCCheckpointTo=…` answers \"Unrecognized VM option\"), so after init the runner runs the hooks registered through `org.crac` in the same JVM (the functions' `org.crac` is pointed at a stand-in for `jdk.crac`, `dev.latchkey.local.bench.crac`, with `-Dorg.crac.Core.Compat`) — `beforeCheckpoint`, last registered first (Latchkey's `SnapStartHooks`: the priming described above), then `afterRestore` (reseeding the random generator) — and times the first request from there, with HTTP keep-alive off so that request opens a new connection, as it must after a restore; the floor primes itself with one request for a user that cannot exist. It models a restored instance's first request: classes loaded and initialised, the code priming compiled, nothing of the init left to do. It does not model the restore itself — Lambda loading the snapshot's memory (pages fault in on first touch), its restore phase and its cost — nor cold CPU caches or a new TLS handshake, so the restored figures are a lower bound on a real restored first request. ");
        md.append("These are numbers from this machine (")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ").append(System.getProperty("os.arch"))
                .append("), not from Lambda (arm64, about 0.6 vCPU at 1024 MB): read the ratios, not the absolute values.\n");
        return md.toString();
    }

    /** "GetMe, Authorizer". */
    private static String names(List<String> logicalIds) {
        return logicalIds.stream().map(id -> id.replaceFirst("Function$", "")).collect(Collectors.joining(", "));
    }

    /** "15 ms event to object, 263 ms `handleRequest`, 14 ms response to JSON" (medians). */
    private static String firstResponseParts(List<Sample> samples) {
        return Math.round(median(samples, Sample::deserialiseMs)) + " ms event to object, "
                + Math.round(median(samples, Sample::handleMs)) + " ms `handleRequest`, "
                + Math.round(median(samples, Sample::serialiseMs)) + " ms response to JSON";
    }

    private static String table(Map<String, List<Sample>> rows, List<Column> columns) {
        List<Sample> floor = rows.getOrDefault(FLOOR_ROW, List.of());
        StringBuilder md = new StringBuilder("| Function | Response |");
        columns.forEach(c -> md.append(' ').append(c.header()).append(" |"));
        md.append("\n|---|---|").append("--:|".repeat(columns.size())).append('\n');
        rows.forEach((name, list) -> {
            if (list.isEmpty()) {
                return;
            }
            md.append("| ").append(name).append(" | ").append(statuses(list)).append(" |");
            for (Column column : columns) {
                md.append(' ').append(cell(list, column.metric(), floor)).append(" |");
            }
            md.append('\n');
        });
        return md.toString();
    }

    /**
     * Each function's figures ÷ GetMe's in the same round (the JVMs of one round run within a minute of each other),
     * median (min–max) over the rounds: how a function compares with GetMe with the machine's slower minutes paired
     * away, which the ratio of two medians does not do.
     */
    static String againstGetMe(Map<String, List<Sample>> c1) {
        List<Sample> getMe = c1.get("GetMeFunction");
        if (getMe == null || getMe.isEmpty()) {
            return "";
        }
        List<Column> columns = List.of(new Column("Process wall", Sample::wallMs), new Column("Init", Sample::initMs),
                new Column("Wall less DynamoDB wait", s -> s.wallMs() - s.dynamoWaitMs()));
        StringBuilder md = new StringBuilder("#### Each function against GetMe in the same round\n\n| Function |");
        columns.forEach(c -> md.append(" ").append(c.header()).append(" ÷ GetMe's |"));
        md.append("\n|---|").append("--:|".repeat(columns.size())).append('\n');
        c1.forEach((name, list) -> {
            if (name.equals("GetMeFunction") || name.equals(FLOOR_ROW) || list.size() != getMe.size()) {
                return;
            }
            md.append("| ").append(name).append(" |");
            for (Column column : columns) {
                double[] ratio = pairedMedian(list, getMe, column.metric());
                md.append(String.format(Locale.ROOT, " %.2f× (%.2f–%.2f) |", ratio[0], ratio[1], ratio[2]));
            }
            md.append('\n');
        });
        md.append("\nMedian (min–max) over the rounds of a function's figure ÷ GetMe's in the same round. The functions that "
                + "verify a password (a first response of a second or more here) compare their hashing, not their start. "
                + "The rest differ from GetMe by their start and by their operation: a function that makes more DynamoDB "
                + "requests than GetMe's two, or requests of other kinds (a query, a transaction, a batch), pays for each in "
                + "a cold JVM. The next table takes the operation's requests out of the comparison.\n\n");
        return md.toString();
    }

    /**
     * The functions whose first response hashes or verifies a password (PBKDF2, a second or more in a C1-only JVM):
     * issue 9's "every other non-hashing function within 10 % of GetMe" leaves them out.
     */
    static final Set<String> HASHING = Set.of("ConfirmSignupFunction", "CreateSessionFunction", "RequestEmailChangeFunction",
            "ChangePasswordFunction", "ConfirmPasswordResetFunction", "CreateApiKeyFunction", "RegenerateApiKeyFunction",
            "VerifyTotpFunction", "DisableTotpFunction", "RegenerateRecoveryCodesFunction", "DeleteMeFunction");

    /**
     * Each function against the floor that made the same DynamoDB requests right after it in the same round
     * ({@link BaselineRunner} with {@code --requests}): what Latchkey's code and libraries add to the least a Java
     * function pays for that operation's requests, set beside GetMe's figure.
     */
    static String againstSameRequests(Map<String, List<Sample>> c1, Map<String, List<Sample>> replays) {
        List<Sample> getMe = c1.get("GetMeFunction");
        if (getMe == null || !replays.containsKey("GetMeFunction")) {
            return "";
        }
        ToDoubleFunction<Sample> wall = Sample::wallMs;
        ToDoubleFunction<Sample> lessWait = s -> s.wallMs() - s.dynamoWaitMs();
        double getMeWall = pairedMedian(getMe, replays.get("GetMeFunction"), wall)[0];
        double getMeLessWait = pairedMedian(getMe, replays.get("GetMeFunction"), lessWait)[0];
        StringBuilder md = new StringBuilder("#### Each function against the floor making the same DynamoDB requests\n\n"
                + "| Function | DynamoDB requests (first run) | Process wall ms: function / floor | Process wall ÷ its floor's | ÷ GetMe's "
                + "| Wall less DynamoDB wait ÷ its floor's | ÷ GetMe's | Within 10 % of GetMe |\n|---|---|--:|--:|--:|--:|--:|---|\n");
        c1.forEach((name, list) -> {
            List<Sample> floors = replays.get(name);
            if (floors == null || floors.size() != list.size()) {
                return;
            }
            double[] byWall = pairedMedian(list, floors, wall);
            double[] byLessWait = pairedMedian(list, floors, lessWait);
            double overWall = byWall[0] / getMeWall;
            double overLessWait = byLessWait[0] / getMeLessWait;
            String verdict = name.equals("GetMeFunction") ? "—"
                    : HASHING.contains(name) ? "hashes a password"
                    : overWall <= 1.10 && overLessWait <= 1.10 ? "yes" : "**no**";
            md.append(String.format(Locale.ROOT, "| %s | %s | %s / %s | %.2f× (%.2f–%.2f) | %.2f× | %.2f× (%.2f–%.2f) | %.2f× | %s |%n",
                    name, requestSummary(list.get(0).dynamoShapes()), number(median(list, wall)), number(median(floors, wall)),
                    byWall[0], byWall[1], byWall[2], overWall, byLessWait[0], byLessWait[1], byLessWait[2], overLessWait, verdict));
        });
        md.append("\nThe floor here is `BaselineRunner` with `--requests`: the same minimal stream handler and jar as the floor above, "
                + "started right after the function in each round, whose first response makes the requests the function's first "
                + "response made in that round, in the same order and of the same kinds (`DynamoWait` notes each request's "
                + "operation and, for a transaction or a batch, the kind of each item: put, update, delete, condition check), on "
                + "items of a partition of its own. Its wall time is what the least Java function pays for that operation's "
                + "DynamoDB requests: the SDK's classes for each kind of request, its request pipeline run largely interpreted in "
                + "a C1-only JVM, and DynamoDB Local's answer. Function ÷ its floor is then what Latchkey's code and libraries "
                + "add to the requests its operation makes (median (min–max) over the rounds of the ratio within a round); "
                + "÷ GetMe's sets that beside GetMe's own ratio. That the requests are the fewest the operation needs is what "
                + "the request units section shows (`CapacityBenchTest` fails on an operation above its minimum). The functions "
                + "that hash or verify a password (`ColdStartBench.HASHING`) compare their hashing, not their start.\n\n");
        return md.toString();
    }

    /** Median, minimum and maximum over the rounds of {@code metric(a) ÷ metric(b)} within each round. */
    private static double[] pairedMedian(List<Sample> a, List<Sample> b, ToDoubleFunction<Sample> metric) {
        double[] ratios = new double[Math.min(a.size(), b.size())];
        for (int round = 0; round < ratios.length; round++) {
            ratios[round] = metric.applyAsDouble(a.get(round)) / metric.applyAsDouble(b.get(round));
        }
        Arrays.sort(ratios);
        double median = ratios.length % 2 == 1 ? ratios[ratios.length / 2]
                : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
        return new double[] {median, ratios[0], ratios[ratios.length - 1]};
    }

    /** "GetItem ×2, Query, TransactWriteItems (5 items)". */
    static String requestSummary(String shapes) {
        if (shapes.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        String previous = null;
        int count = 0;
        for (String shape : (shapes + ",").split(",")) {
            String label = label(shape);
            if (label.equals(previous)) {
                count++;
                continue;
            }
            if (previous != null) {
                parts.add(count > 1 ? previous + " ×" + count : previous);
            }
            previous = label;
            count = 1;
        }
        parts.add(count > 1 ? previous + " ×" + count : previous);
        return String.join(", ", parts);
    }

    private static String label(String shape) {
        int colon = shape.indexOf(':');
        if (colon < 0) {
            return shape;
        }
        String detail = shape.substring(colon + 1);
        int items = detail.chars().allMatch(Character::isDigit) ? Integer.parseInt(detail) : detail.length();
        return shape.substring(0, colon) + " (" + items + (items == 1 ? " item)" : " items)");
    }

    /** "200", or "201 ×9, 429 ×1" when runs disagree. */
    private static String statuses(List<Sample> list) {
        Map<String, Long> counts = list.stream()
                .collect(Collectors.groupingBy(Sample::status, TreeMap::new, Collectors.counting()));
        if (counts.size() == 1) {
            return counts.keySet().iterator().next();
        }
        return counts.entrySet().stream().map(e -> e.getKey() + " ×" + e.getValue()).collect(Collectors.joining(", "));
    }

    /** "1275 (1073–1390) · 1.42×"; "—" where the figure is not available. */
    private static String cell(List<Sample> list, ToDoubleFunction<Sample> metric, List<Sample> floor) {
        double[] values = list.stream().mapToDouble(metric).sorted().toArray();
        if (values[0] < 0) {
            return "—";
        }
        double median = median(list, metric);
        double base = floor.isEmpty() ? Double.NaN : median(floor, metric);
        return number(median) + " (" + number(values[0]) + "–" + number(values[values.length - 1]) + ") · "
                + (base > 0 ? String.format(Locale.ROOT, "%.2f×", median / base) : "—");
    }

    private static String number(double value) {
        return value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.valueOf(Math.round(value));
    }

    static double median(List<Sample> list, ToDoubleFunction<Sample> metric) {
        double[] values = list.stream().mapToDouble(metric).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int middle = values.length / 2;
        return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: leave what cannot be deleted
        }
    }
}
