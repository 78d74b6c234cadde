package dev.latchkey.local.bench;

import java.io.File;
import java.io.IOException;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
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
import dev.latchkey.mail.MailMessage;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.session.IssuedSession;
import dev.latchkey.auth.Principal;

/**
 * Cold starts of every function in template.yaml, each in fresh JVMs with Lambda's JIT flags and a comparable heap,
 * against an embedded DynamoDB Local, next to a minimal raw-{@code DynamoDbClient} baseline measured in the same run.
 *
 * <p>{@link #run(int, PrintStream)} starts DynamoDB Local in this JVM, creates the template's table, seeds it through
 * the application's own Dagger component (users, sessions, API keys, pending signups, reset links) so that every
 * function's events/ event — personalised per run — takes its real, successful path, then starts {@code runs} JVMs
 * per function ({@link ColdStartRunner}) and for the baseline ({@link BaselineRunner}), interleaved, and returns a
 * Markdown section with the medians.
 */
public final class ColdStartBench {
    /** Lambda gives the Java runtime's heap about 85% of the function's memory. */
    static final double HEAP_SHARE = 0.85;
    static final int DEFAULT_RUNS = 10;
    static final String BASELINE_ROW = "Baseline: raw DynamoDbClient GetItem";

    private static final String PASSWORD = "correct horse battery staple";
    private static final String MAIL_FROM = "no-reply@latchkey.local";
    private static final String LINK_BASE = "http://localhost:3000";
    private static final String USER_AGENT = "latchkey-coldstart-bench";
    private static final Duration CHILD_TIMEOUT = Duration.ofMinutes(2);
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private ColdStartBench() {
    }

    /** {@code ColdStartBench [runs]}: prints the Markdown section to stdout, progress to stderr. */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_RUNS;
        java.util.Set<String> only = args.length > 1 ? java.util.Set.of(args[1].split(",")) : null;
        PrintStream stdout = System.out;
        System.setOut(System.err); // DynamoDB Local prints its banner to stdout
        String markdown = only == null ? run(runs, System.err) : run(runs, System.err, only::contains);
        stdout.println(markdown);
        stdout.flush();
        System.exit(0);
    }

    /**
     * Measures every function of template.yaml and the baseline, {@code runs} fresh JVMs each (at least 10: the
     * report gives medians), and returns the Markdown section. Needs {@code functions/target/latchkey-functions.jar}.
     */
    public static String run(int runs, PrintStream progress) throws Exception {
        if (runs < DEFAULT_RUNS) {
            throw new IllegalArgumentException("runs must be at least " + DEFAULT_RUNS + " (the table gives medians), not " + runs);
        }
        return run(runs, progress, logicalId -> true);
    }

    /** As {@link #run(int, PrintStream)}, for the functions whose logical id passes {@code functionFilter}, any runs ≥ 1. */
    static String run(int runs, PrintStream progress, Predicate<String> functionFilter) throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("runs must be positive");
        }
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
            String table = dynamoDb.createTable("latchkey-coldstart");
            progress.printf("cold start: DynamoDB Local at %s, table %s; seeding %d run(s) of %d function(s)%n",
                    dynamoDb.endpoint(), table, runs, functions.size());
            Config config = new Config(table, "us-east-1", Optional.of(dynamoDb.endpoint()), Config.MailTransport.OUTBOX,
                    Optional.empty(), MAIL_FROM, URI.create(LINK_BASE), Config.MIN_PASSWORD_ITERATIONS,
                    // the fixtures sign the same users in once per run: a cap of 10 would end the sessions seeded for earlier runs
                    Duration.ofDays(7), Duration.ofHours(24), Config.DEFAULT_SESSION_IDLE_TIMEOUT, 100);
            Fixtures fixtures = new Fixtures(quietComponent(config));
            Events events = new Events(root.resolve("events"), work, fixtures);

            // every event of every run is prepared (and its state seeded) before the first JVM starts
            long seeding = System.nanoTime();
            List<Map<String, Path>> eventFiles = new ArrayList<>();
            List<Path> baselineFiles = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                Map<String, Path> files = new LinkedHashMap<>();
                for (FunctionDef function : functions) {
                    files.put(function.logicalId(), events.prepare(function.logicalId(), run));
                }
                eventFiles.add(files);
                baselineFiles.add(events.prepare("GetMeFunction", run, "baseline"));
            }
            progress.printf("cold start: seeded in %.1f s%n", (System.nanoTime() - seeding) / 1e9);

            int memoryMb = template.function("GetMeFunction").map(FunctionDef::memorySizeMb).orElse(1024);
            Map<String, String> baseEnv = environment(table, dynamoDb.endpoint());
            Map<String, List<Sample>> samples = new LinkedHashMap<>();
            functions.forEach(f -> samples.put(f.logicalId(), new ArrayList<>()));
            List<Sample> baseline = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                for (FunctionDef function : functions) {
                    Map<String, String> env = new LinkedHashMap<>(function.literalEnvironment());
                    env.putAll(baseEnv);
                    env.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
                    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(function.memorySizeMb()));
                    Sample sample = launch(java, classPath, function.memorySizeMb(), env, work, ColdStartRunner.class,
                            function.handlerClass(), eventFiles.get(run - 1).get(function.logicalId()).toString());
                    samples.get(function.logicalId()).add(sample);
                    progress.printf("cold start [%d/%d] %-30s %s%n", run, runs, function.logicalId(), sample);
                }
                Map<String, String> env = new LinkedHashMap<>(baseEnv);
                env.put("AWS_LAMBDA_FUNCTION_NAME", "BaselineFunction");
                env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", String.valueOf(memoryMb));
                Sample sample = launch(java, classPath, memoryMb, env, work, BaselineRunner.class,
                        baselineFiles.get(run - 1).toString());
                baseline.add(sample);
                progress.printf("cold start [%d/%d] %-30s %s%n", run, runs, "baseline", sample);
            }
            int jvms = runs * (functions.size() + 1);
            progress.printf("cold start: %d JVMs, %.0f s in all%n", jvms, (System.nanoTime() - started) / 1e9);
            return markdown(runs, memoryMb, samples, baseline);
        } finally {
            deleteTree(work);
        }
    }

    // ------------------------------------------------------------------ the child JVMs

    /** One measurement, as a child printed it. */
    record Sample(double constructedMs, double initMs, double deserialiseMs, double handleMs, double serialiseMs,
            double firstResponseMs, double totalMs, String status) {
        @Override
        public String toString() {
            return "init %4.0f ms, first response %4.0f ms, total %5.0f ms, %s".formatted(initMs, firstResponseMs, totalMs, status);
        }
    }

    /** The flags Lambda's Java runtime starts the JVM with, and a heap of 85% of the function's memory. */
    static List<String> jvmFlags(int memoryMb) {
        return List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseSerialGC",
                "-Xmx" + heapMb(memoryMb) + "m");
    }

    static int heapMb(int memoryMb) {
        return (int) Math.round(memoryMb * HEAP_SHARE);
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
            Class<?> main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmFlags(memoryMb));
        command.addAll(List.of("-cp", classPath, main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear(); // only what Lambda would set: nothing of this shell leaks in
        builder.environment().putAll(env);
        Process process = builder.start();
        boolean exited = process.waitFor(CHILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        Optional<String> line = stdout.lines().filter(l -> l.startsWith("{") && l.contains("\"initMs\"")).reduce((a, b) -> b);
        if (!exited || process.exitValue() != 0 || line.isEmpty()) {
            throw new IllegalStateException((exited ? "exit code " + process.exitValue() : "timed out after " + CHILD_TIMEOUT)
                    + " from " + String.join(" ", command) + "\n--- stdout\n" + tail(stdout) + "\n--- stderr\n" + tail(stderr));
        }
        JsonNode json = JSON.readTree(line.get());
        return new Sample(json.get("constructedMs").asDouble(), json.get("initMs").asDouble(),
                json.get("deserialiseMs").asDouble(), json.get("handleMs").asDouble(), json.get("serialiseMs").asDouble(),
                json.get("firstResponseMs").asDouble(), json.get("totalMs").asDouble(), json.get("status").asText());
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

    /**
     * Copies the class files of ColdStartRunner, BaselineRunner and the LambdaContext they pass (which the deployment
     * jar leaves out), with their nested classes, into {@code dir}.
     */
    private static Path runnerClasses(Path dir) throws IOException {
        for (Class<?> runner : List.of(ColdStartRunner.class, BaselineRunner.class, LambdaContext.class)) {
            for (Class<?> type : runner.getNestMembers()) {
                String resource = type.getName().replace('.', '/') + ".class";
                try (var in = type.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException(resource + " is not on the class path");
                    }
                    Path target = dir.resolve(resource);
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target);
                }
            }
        }
        return dir;
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

    /** The application's own component; its outbox keeps mail without printing it to this JVM's stdout. */
    private static LatchkeyComponent quietComponent(Config config) {
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

        /** Reads only: GetMe, ListSessions, ListApiKeys, the authorizer, the baseline. One session, one API key. */
        Caller reader() {
            if (reader == null) {
                reader = signUpAndConfirm(email("reader", 0), "198.51.100.1");
                component.managingApiKeys().create(reader.principal(), "bench-reader", "listed by ListApiKeys", null, null);
            }
            return reader;
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

        Events(Path source, Path work, Fixtures fixtures) {
            this.source = source;
            this.work = work;
            this.fixtures = fixtures;
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
                default -> authorize(event, fixtures.reader()); // GetMe, ListSessions, ListApiKeys, Authorizer, new ones
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
            if (!(event.get("pathParameters") instanceof ObjectNode parameters) || !parameters.has("id")) {
                throw new IllegalStateException("the event has no pathParameters.id");
            }
            String old = parameters.get("id").asText();
            parameters.put("id", id);
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

    static String markdown(int runs, int memoryMb, Map<String, List<Sample>> samples, List<Sample> baseline) {
        double baseTotal = median(baseline, Sample::totalMs);
        double baseFirst = median(baseline, Sample::firstResponseMs);
        StringBuilder md = new StringBuilder();
        md.append("| Function | Response | Init ms | First response ms | Total ms | Total ÷ baseline | First response ÷ baseline |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|\n");
        samples.forEach((id, list) -> md.append(row(id, list, baseTotal, baseFirst)));
        md.append(row(BASELINE_ROW, baseline, baseTotal, baseFirst));
        md.append('\n');

        Runtime.Version version = Runtime.version();
        md.append("Each cell is the median (min–max) of ").append(runs).append(" fresh JVM").append(runs == 1 ? "" : "s")
                .append(" per row, started one at a time and interleaved (every function once, then the baseline, then the next round) with Lambda's flags `")
                .append(String.join(" ", jvmFlags(memoryMb)))
                .append("` (heap ≈ 85% of the template's ").append(memoryMb).append(" MB) on JDK ").append(version.feature())
                .append(", class path the shaded `latchkey-functions.jar` plus the runtime's `aws-lambda-java-serialization`, and the environment the template sets, with DynamoDB Local in the harness's JVM as endpoint and mail kept in the in-memory outbox; each event is a copy of the function's `events/` file pointed at users, sessions, keys and links seeded for that run, so every response above is the real path. ");
        md.append("Init is what Lambda's Java runtime does before the first invocation: JVM start (the runtime MXBean's start time) to the handler constructed through its no-arg constructor (Dagger component, AWS clients, Powertools) and the runtime's serializers for its input and output types created; first response is the first invocation: event JSON to input object, `handleRequest`, output object to response JSON");
        Optional.ofNullable(samples.get("GetMeFunction")).filter(l -> !l.isEmpty()).ifPresent(getMe -> md
                .append(" (GetMe, medians: handler constructed at ").append(Math.round(median(getMe, Sample::constructedMs)))
                .append(" ms; first response ").append(Math.round(median(getMe, Sample::deserialiseMs)))
                .append(" ms event to object, ").append(Math.round(median(getMe, Sample::handleMs)))
                .append(" ms `handleRequest`, ").append(Math.round(median(getMe, Sample::serialiseMs)))
                .append(" ms response to JSON)"));
        md.append("; total is the sum. ");
        md.append("The baseline is `BaselineRunner`: a `RequestStreamHandler` that builds a raw `DynamoDbClient` at init (UrlConnectionHttpClient, explicit region, static credentials, endpoint override) and answers GetMe's event bytes with the same consistent `GetItem`s (the session by its token's SHA-256, then `USER#{id}`/`PROFILE`) and hand-written JSON — no Dagger, Jackson databind, Enhanced Client or Powertools of its own, and as a stream handler no runtime serializers. ");
        md.append("These are numbers from this machine (")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ").append(System.getProperty("os.arch"))
                .append(") without SnapStart, not from Lambda (arm64, about 0.6 vCPU at 1024 MB): read the ratios, not the absolute values.\n");
        return md.toString();
    }

    private static String row(String name, List<Sample> list, double baseTotal, double baseFirst) {
        if (list.isEmpty()) {
            return "| " + name + " | — | — | — | — | — | — |\n";
        }
        double total = median(list, Sample::totalMs);
        double first = median(list, Sample::firstResponseMs);
        return "| " + name
                + " | " + statuses(list)
                + " | " + cell(list, Sample::initMs)
                + " | " + cell(list, Sample::firstResponseMs)
                + " | " + cell(list, Sample::totalMs)
                + " | " + ratio(total, baseTotal)
                + " | " + ratio(first, baseFirst) + " |\n";
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

    private static String cell(List<Sample> list, java.util.function.ToDoubleFunction<Sample> metric) {
        double[] values = list.stream().mapToDouble(metric).sorted().toArray();
        return Math.round(median(list, metric)) + " (" + Math.round(values[0]) + "–" + Math.round(values[values.length - 1]) + ")";
    }

    private static String ratio(double value, double base) {
        return base > 0 ? String.format(Locale.ROOT, "%.2f×", value / base) : "—";
    }

    static double median(List<Sample> list, java.util.function.ToDoubleFunction<Sample> metric) {
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
