package dev.latchkey.local;

import dev.latchkey.config.Config;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.devkit.SamTemplate.FunctionDef;
import dev.latchkey.functions.Wiring;

/** {@code latchkey serve ...} and {@code latchkey invoke ...}: see {@link #USAGE}. */
public final class Main {
    static final String USAGE = """
            usage: latchkey serve [--port 3000] [--data DIR] [--ses-endpoint URL]
                   latchkey invoke <FunctionLogicalId> -e <event.json | -> [--data DIR]
                   latchkey bench [--runs 10] [--out docs/performance.md] [--only coldstart,capacity,hashing,latency]
                   latchkey test [maven arguments]

              serve    run template.yaml's HTTP API on http://127.0.0.1:PORT with an embedded DynamoDB Local,
                       and the account console (console/) at http://localhost:PORT/
                       --port N              listen on N (default 3000; 0 picks a free port)
                       --data DIR            keep DynamoDB Local's state in DIR (default: in memory)
                       --ses-endpoint URL    send mail through SES at URL (e.g. moto) instead of the local outbox
              invoke   run one function once with an event, like `sam local invoke`: the function's
                       response JSON goes to stdout, everything else to stderr. A user the event's
                       authorizer context names is created first if the store lacks it (ada@example.com,
                       with the event's session and bearer token), so events/*.json work on a fresh store
                       -e, --event FILE      the event (HTTP API v2 payload, authorizer event...); - reads stdin
                       --data DIR            use (and keep) DynamoDB Local's state in DIR
              bench    measure cold starts, request units, password hashing and dev-server latency, and
                       write the report (docs/performance.md); needs the shaded jar (./mvnw package) and wrk
              test     (the launcher script) every test: installs chromium and chromium-driver when missing,
                       then ./mvnw -B -ntp verify

              A failure to start is one line on stderr; LATCHKEY_DEBUG=1 adds its stack trace.
            """;

    /** Set to 1 to see the stack trace behind a failed start. */
    static final String DEBUG_VARIABLE = "LATCHKEY_DEBUG";

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0) {
            return usage("");
        }
        try {
            return switch (args[0]) {
                case "serve" -> serve(parseServe(List.of(args).subList(1, args.length)));
                case "invoke" -> invoke(parseInvoke(List.of(args).subList(1, args.length)));
                case "bench" -> dev.latchkey.local.bench.Bench.run(List.of(args).subList(1, args.length));
                case "-h", "--help", "help" -> {
                    System.out.print(USAGE);
                    yield 0;
                }
                default -> usage("unknown command: " + args[0]);
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
    }

    // ------------------------------------------------------------------ serve

    private static DevServerOptions parseServe(List<String> args) {
        DevServerOptions options = DevServerOptions.defaults();
        for (Arguments arguments = new Arguments(args); arguments.hasNext(); ) {
            String option = arguments.next();
            switch (arguments.name(option)) {
                case "--port" -> {
                    String value = arguments.value(option);
                    try {
                        options = options.withPort(Integer.parseInt(value));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--port needs a port number (0-65535), not " + value);
                    }
                }
                case "--data" -> options = options.withDataDir(Path.of(arguments.value(option)));
                case "--ses-endpoint" -> options = options.withSesEndpoint(uri(arguments.value(option)));
                default -> throw new UsageException("unknown option for serve: " + option);
            }
        }
        return options;
    }

    private static int serve(DevServerOptions options) {
        DevServer server;
        try {
            server = DevServer.start(options);
        } catch (RuntimeException e) {
            return failed(startFailure(e, options.port()), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("latchkey-stop").unstarted(() -> {
            server.close();
            stopped.countDown();
        }));
        server.printBanner();
        System.out.println("Ready. Ctrl-C stops.");
        System.out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    // ------------------------------------------------------------------ invoke

    record InvokeOptions(String functionId, String event, Optional<Path> dataDir) {}

    private static InvokeOptions parseInvoke(List<String> args) {
        String functionId = null;
        String event = null;
        Optional<Path> dataDir = Optional.empty();
        for (Arguments arguments = new Arguments(args); arguments.hasNext(); ) {
            String option = arguments.next();
            switch (arguments.name(option)) {
                case "-e", "--event" -> event = arguments.value(option);
                case "--data" -> dataDir = Optional.of(Path.of(arguments.value(option)));
                default -> {
                    if (option.startsWith("-") || functionId != null) {
                        throw new UsageException("unexpected argument for invoke: " + option);
                    }
                    functionId = option;
                }
            }
        }
        if (functionId == null) {
            throw new UsageException("invoke needs a function logical id");
        }
        if (event == null) {
            throw new UsageException("invoke needs an event: -e <event.json>");
        }
        return new InvokeOptions(functionId, event, dataDir);
    }

    /**
     * Mirrors {@code sam local invoke}: stdout carries only the function's response; DynamoDB Local's
     * banner, the outbox, logs and errors all go to stderr.
     */
    private static int invoke(InvokeOptions options) {
        PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return invoke(options, stdout);
        } catch (RuntimeException e) {
            return failed(describe(e), e);
        } finally {
            System.setOut(stdout);
        }
    }

    private static int invoke(InvokeOptions options, PrintStream stdout) {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());
        Optional<FunctionDef> definition = template.function(options.functionId());
        if (definition.isEmpty()) {
            System.err.println("latchkey: no function " + options.functionId() + " in " + template.path()
                    + "; functions: " + template.functions().stream().map(FunctionDef::logicalId).toList());
            return 2;
        }
        byte[] event;
        try {
            event = options.event().equals("-")
                    ? System.in.readAllBytes()
                    : Files.readAllBytes(Path.of(options.event()));
        } catch (IOException e) {
            System.err.println("latchkey: cannot read the event " + options.event() + ": " + e.getMessage());
            return 2;
        }

        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start(options.dataDir(), 0)) {
            DevServer.createTable(dynamoDb.endpoint(), template, DevServerOptions.DEFAULT_TABLE);
            Config config = DevServer.config(DevServerOptions.DEFAULT_TABLE, dynamoDb.endpoint(),
                    Optional.empty(), URI.create("http://localhost:" + DevServerOptions.DEFAULT_PORT));
            if (options.dataDir().isPresent()) { // the same sealing key as `serve --data` on that directory
                config = config.withSealingKeyFile(options.dataDir().get().resolve(DevServer.SEALING_KEY_FILE));
            }
            var component = Wiring.build(config, Clock.systemUTC());
            Wiring.install(component);
            DemoUser.seedIfMissing(event, dynamoDb.client(), component, Clock.systemUTC())
                    .ifPresent(System.err::println);
            LambdaFunction function = LambdaFunction.load(definition.get());
            LambdaContext context = function.newContext();
            long started = System.nanoTime();
            byte[] response;
            try {
                response = function.invoke(event, context);
            } catch (Exception e) {
                e.printStackTrace(System.err);
                stdout.println(Json.MAPPER.createObjectNode()
                        .put("errorMessage", String.valueOf(e.getMessage()))
                        .put("errorType", e.getClass().getName()));
                stdout.flush();
                return 1;
            } finally {
                System.err.printf("REPORT RequestId: %s\tDuration: %.2f ms\tMemory Size: %d MB%n",
                        context.getAwsRequestId(), (System.nanoTime() - started) / 1e6, context.getMemoryLimitInMB());
            }
            stdout.println(new String(response, StandardCharsets.UTF_8));
            stdout.flush();
            return 0;
        }
    }

    // ------------------------------------------------------------------ arguments

    private static int usage(String problem) {
        if (!problem.isEmpty()) {
            System.err.println("latchkey: " + problem);
        }
        System.err.print(USAGE);
        return 2;
    }

    private static URI uri(String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException("not a URL: " + value);
        }
    }

    /**
     * One line on stderr, exit 1. The stack trace only with LATCHKEY_DEBUG=1: these are problems of the
     * machine or the arguments (a taken port, an unreadable --data directory), not of the code.
     */
    private static int failed(String problem, Throwable e) {
        System.err.println("latchkey: " + problem.replaceAll("\\s*\\R\\s*", " "));
        if ("1".equals(System.getenv(DEBUG_VARIABLE))) {
            e.printStackTrace(System.err);
        }
        return 1;
    }

    private static String startFailure(RuntimeException e, int port) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException bind) {
                String address = InetAddress.getLoopbackAddress().getHostAddress();
                return bind.getMessage() != null && bind.getMessage().contains("in use")
                        ? "port " + port + " is already in use on " + address + "; stop the other process or pass --port"
                        : "cannot listen on " + address + ":" + port + ": " + bind.getMessage() + "; pass another --port";
            }
        }
        return "the dev server did not start: " + describe(e);
    }

    private static String describe(Throwable e) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = e; t != null && messages.size() < 4; t = t.getCause()) {
            messages.add(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
        }
        return String.join(": ", messages);
    }

    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** "--name value" and "--name=value". */
    private static final class Arguments {
        private final List<String> args;
        private final Map<Integer, String> inline = new java.util.HashMap<>();
        private int next;

        Arguments(List<String> args) {
            this.args = args;
        }

        boolean hasNext() {
            return next < args.size();
        }

        String next() {
            return args.get(next++);
        }

        String name(String option) {
            int equals = option.indexOf('=');
            if (option.startsWith("--") && equals > 0) {
                inline.put(next - 1, option.substring(equals + 1));
                return option.substring(0, equals);
            }
            return option;
        }

        String value(String option) {
            String value = inline.remove(next - 1);
            if (value != null) {
                return value;
            }
            if (!hasNext()) {
                throw new UsageException(option + " needs a value");
            }
            return next();
        }
    }
}
