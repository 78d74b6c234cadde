package dev.latchkey.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.latchkey.config.Config;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.devkit.SamTemplate.FunctionDef;
import dev.latchkey.devkit.SamTemplate.HttpRoute;
import dev.latchkey.functions.Wiring;
import dev.latchkey.local.ApiGateway.GatewayError;
import dev.latchkey.local.ApiGateway.OutgoingResponse;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.mail.OutboxMailer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * template.yaml's HttpApi in one JVM: routes from the template, the Lambda authorizer emulated
 * (payload 2.0, simple responses), the handler classes it names called with real
 * APIGatewayV2HTTPEvents, an embedded DynamoDB Local and the local mail outbox.
 */
public final class DevServer implements AutoCloseable {
    /** Outgoing mail as JSON, newest last; DELETE empties the outbox. */
    public static final String MAIL_PATH = "/_local/mail";

    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024; // HTTP API's payload limit

    private final HttpServer http;
    private final ExecutorService executor;
    private final Optional<DynamoDbLocal> embeddedDynamoDb;
    private final URI dynamoDbEndpoint;
    private final Config config;
    private final OutboxMailer outbox;
    private final SamTemplate template;
    private final RouteTable<LambdaFunction> routes;
    private final Optional<LambdaFunction> authorizer;
    private final List<String> identityHeaders;
    private final PrintStream out;
    private final ConsoleFiles console;
    private StreamPoller streams;
    private List<StreamPoller.Subscriber> subscribers = List.of();

    private DevServer(HttpServer http, ExecutorService executor, Optional<DynamoDbLocal> embeddedDynamoDb,
            URI dynamoDbEndpoint, Config config, OutboxMailer outbox, SamTemplate template,
            RouteTable<LambdaFunction> routes, Optional<LambdaFunction> authorizer, List<String> identityHeaders,
            PrintStream out, ConsoleFiles console) {
        this.http = http;
        this.executor = executor;
        this.embeddedDynamoDb = embeddedDynamoDb;
        this.dynamoDbEndpoint = dynamoDbEndpoint;
        this.config = config;
        this.outbox = outbox;
        this.template = template;
        this.routes = routes;
        this.authorizer = authorizer;
        this.identityHeaders = identityHeaders;
        this.out = out;
        this.console = console;
    }

    /**
     * Starts everything and returns once the server answers. Installs the app's component with
     * {@code Wiring.install} (one per JVM: a second server in the same JVM replaces it).
     */
    public static DevServer start(DevServerOptions options) {
        SamTemplate template = SamTemplate.load(options.template().orElseGet(SamTemplate::locate));
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port(), e);
        }
        Optional<DynamoDbLocal> embedded = Optional.empty();
        try {
            embedded = options.dynamoDbEndpoint().isPresent()
                    ? Optional.empty()
                    : Optional.of(DynamoDbLocal.start(options.dataDir(), 0));
            URI dynamoDbEndpoint = embedded.map(DynamoDbLocal::endpoint)
                    .orElseGet(() -> options.dynamoDbEndpoint().orElseThrow());
            createTable(dynamoDbEndpoint, template, options.tableName());

            int port = http.getAddress().getPort();
            Config config = config(options.tableName(), dynamoDbEndpoint, options.sesEndpoint(),
                    URI.create("http://localhost:" + port));
            if (options.dataDir().isPresent()) {
                // TOTP secrets sealed with a key kept beside the data: they survive a restart with it
                config = config.withSealingKeyFile(options.dataDir().get().resolve(SEALING_KEY_FILE));
            }
            var component = Wiring.build(config, options.clock());
            Wiring.install(component);

            Map<String, LambdaFunction> functions = new LinkedHashMap<>();
            for (FunctionDef definition : template.functions()) {
                functions.put(definition.logicalId(), LambdaFunction.load(definition));
            }
            List<RouteTable.Entry<LambdaFunction>> entries = new ArrayList<>();
            functions.values().forEach(function -> function.definition().routes()
                    .forEach(route -> entries.add(new RouteTable.Entry<>(route, function))));
            Optional<LambdaFunction> authorizer = template.authorizerFunctionId().map(id -> {
                LambdaFunction function = functions.get(id);
                if (function == null) {
                    throw new IllegalStateException("the HttpApi's authorizer " + id + " is not a function in "
                            + template.path());
                }
                return function;
            });

            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            DevServer server = new DevServer(http, executor, embedded, dynamoDbEndpoint, config, component.outbox(),
                    template, new RouteTable<>(entries), authorizer, template.authorizerIdentityHeaders(),
                    options.out(), ConsoleFiles.besideTemplate(template.path()));
            // the table's stream to the functions template.yaml subscribes to it (the account clean-up)
            server.subscribers = template.streamSubscriptions().stream()
                    .map(sub -> new StreamPoller.Subscriber(sub, functions.get(sub.functionId()))).toList();
            server.streams = StreamPoller.start(dynamoDbEndpoint, options.tableName(), server.subscribers, options.out());
            http.createContext("/", server::handle);
            http.setExecutor(executor);
            http.start();
            return server;
        } catch (RuntimeException | Error e) {
            http.stop(0);
            embedded.ifPresent(DynamoDbLocal::close);
            throw e;
        }
    }

    /** In the {@code --data} directory: the AES-256 key that seals TOTP secrets locally (KMS does it in AWS). */
    static final String SEALING_KEY_FILE = "totp-sealing.key";

    /** The configuration the dev server wires the app with (also used by {@code invoke}). */
    static Config config(String table, URI dynamoDbEndpoint, Optional<URI> sesEndpoint, URI linkBaseUrl) {
        return new Config(
                table,
                "us-east-1",
                Optional.of(dynamoDbEndpoint),
                sesEndpoint.isPresent() ? Config.MailTransport.SES : Config.MailTransport.OUTBOX,
                sesEndpoint,
                "no-reply@latchkey.local",
                linkBaseUrl,
                Config.MIN_PASSWORD_ITERATIONS,
                Duration.ofDays(7),
                Duration.ofHours(24));
    }

    static void createTable(URI endpoint, SamTemplate template, String table) {
        try (DynamoDbClient client = DynamoDbLocal.newClient(endpoint)) {
            DynamoDbLocal.createTable(client, template, table);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + port());
    }

    public OutboxMailer outbox() {
        return outbox;
    }

    public Config config() {
        return config;
    }

    public URI dynamoDbEndpoint() {
        return dynamoDbEndpoint;
    }

    /** Stream records handed to the stream-triggered functions so far. */
    public long streamRecordsDelivered() {
        return streams == null ? 0 : streams.delivered();
    }

    /** Invocations so far per function logical id: the functions behind routes and the authorizer, if any. */
    public java.util.Map<String, Long> invocations() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        routes.entries().forEach(e -> counts.put(e.target().definition().logicalId(), e.target().invocations()));
        authorizer.ifPresent(a -> counts.put(a.definition().logicalId(), a.invocations()));
        return counts;
    }

    public List<HttpRoute> routes() {
        return routes.entries().stream().map(RouteTable.Entry::route).toList();
    }

    /** The start-up banner: the URL, the routes, where data and mail go. */
    public void printBanner() {
        StringBuilder text = new StringBuilder();
        text.append("Latchkey dev server: ").append(url()).append("   (template ").append(template.path()).append(")\n");
        text.append("Routes:\n");
        for (RouteTable.Entry<LambdaFunction> entry : routes.entries()) {
            HttpRoute route = entry.route();
            text.append(String.format("  %-7s %-28s -> %s%s%n", route.method(), route.path(), entry.target().name(),
                    route.usesAuthorizer() ? authorizer.map(a -> "  (authorizer " + a.name() + ")").orElse("") : ""));
        }
        text.append(String.format("  %-7s %-28s -> local outbox as JSON%n", "GET", MAIL_PATH));
        text.append(console.root()
                .map(dir -> String.format("Console: %s/ (files of %s)%n", config.linkBaseUrl(), dir))
                .orElse("Console: none (no " + ConsoleFiles.DIRECTORY + "/ beside the template)\n"));
        text.append("DynamoDB Local: ").append(dynamoDbEndpoint).append(", table ").append(config.tableName())
                .append(embeddedDynamoDb.flatMap(DynamoDbLocal::dataDir)
                        .map(dir -> " (data in " + dir.toAbsolutePath() + ")")
                        .orElse(embeddedDynamoDb.isPresent() ? " (in memory: gone when the server stops)" : ""))
                .append('\n');
        for (StreamPoller.Subscriber subscriber : subscribers) {
            text.append("Stream: the table's stream -> ").append(subscriber.function().name())
                    .append(subscriber.subscription().filterPatterns().isEmpty() ? "" : " (filter " + String.join(" or ",
                            subscriber.subscription().filterPatterns()) + ")")
                    .append(", polled every 0.2 s\n");
        }
        text.append("Mail: ").append(config.mailTransport() == Config.MailTransport.OUTBOX
                ? "local outbox, printed here and served at " + url() + MAIL_PATH
                : "SES at " + config.sesEndpoint().map(URI::toString).orElse("AWS") + " from " + config.mailFrom())
                .append('\n');
        out.print(text);
        out.flush();
    }

    @Override
    public void close() {
        http.stop(0);
        if (streams != null) {
            streams.close();
        }
        executor.close();
        embeddedDynamoDb.ifPresent(DynamoDbLocal::close);
    }

    // ------------------------------------------------------------------ requests

    private void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String requestId = ApiGateway.newRequestId();
        String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
        String rawPath = exchange.getRequestURI().getRawPath();
        OutgoingResponse response;
        try (InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                response = ApiGateway.error(GatewayError.TOO_LARGE, requestId);
            } else {
                IncomingRequest request = new IncomingRequest(method, rawPath, exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(), bytes,
                        exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getProtocol());
                response = respond(request, requestId);
            }
        } catch (RuntimeException e) {
            System.err.println("dev server: " + method + " " + rawPath + " failed: " + e);
            e.printStackTrace(System.err);
            response = ApiGateway.error(GatewayError.INTERNAL, requestId);
        }
        write(exchange, response);
        long millis = (System.nanoTime() - started) / 1_000_000;
        // one line per request; never bodies, headers or the query string (they carry tokens)
        synchronized (out) {
            out.println(method + " " + rawPath + " " + response.status() + " " + millis + "ms");
            out.flush();
        }
    }

    /** One request through API Gateway's pipeline: route, authorizer, integration, response. */
    OutgoingResponse respond(IncomingRequest request, String requestId) {
        if (request.rawPath().equals(MAIL_PATH)) {
            return mail(request, requestId);
        }
        var match = routes.match(request.method(), request.rawPath());
        if (match.isEmpty() && console.root().isPresent() && !isApiPath(request.rawPath())) {
            return console.respond(request.method(), request.rawPath());
        }
        if (match.isEmpty()) {
            return ApiGateway.error(GatewayError.NOT_FOUND, requestId);
        }
        HttpRoute route = match.get().route();
        Map<String, String> pathParameters = match.get().pathParameters();
        Instant now = Instant.now();

        Optional<JsonNode> authorizerContext = Optional.empty();
        if (route.usesAuthorizer() && authorizer.isPresent()) {
            if (!ApiGateway.hasIdentity(request, identityHeaders)) {
                return ApiGateway.error(GatewayError.UNAUTHORIZED, requestId);
            }
            JsonNode decision;
            try {
                byte[] output = authorizer.get().invoke(ApiGateway.authorizerEvent(request, route, pathParameters,
                        identityHeaders, requestId, now).toString().getBytes(StandardCharsets.UTF_8),
                        authorizer.get().newContext());
                decision = Json.MAPPER.readTree(output);
            } catch (Exception e) {
                System.err.println(authorizer.get().name() + " failed:");
                e.printStackTrace(System.err);
                return ApiGateway.error(GatewayError.INTERNAL, requestId);
            }
            if (decision == null || !decision.path("isAuthorized").isBoolean()) {
                System.err.println(authorizer.get().name() + " returned no boolean isAuthorized (simple responses)");
                return ApiGateway.error(GatewayError.INTERNAL, requestId);
            }
            if (!decision.path("isAuthorized").booleanValue()) {
                return ApiGateway.error(GatewayError.FORBIDDEN, requestId);
            }
            JsonNode context = decision.path("context");
            authorizerContext = context.isObject() ? Optional.of(context) : Optional.empty();
        }

        LambdaFunction function = match.get().target();
        byte[] event = ApiGateway.httpEvent(request, route, pathParameters, requestId, now, authorizerContext)
                .toString().getBytes(StandardCharsets.UTF_8);
        try {
            return ApiGateway.httpResponse(function.invoke(event, function.newContext()), requestId);
        } catch (Exception e) {
            System.err.println(function.name() + " failed:");
            e.printStackTrace(System.err);
            return ApiGateway.error(GatewayError.INTERNAL, requestId);
        }
    }

    /** {@code /v1} and below belong to the API (CloudFront's {@code /v1/*} behaviour); the console has the rest. */
    static boolean isApiPath(String rawPath) {
        return rawPath.equals("/v1") || rawPath.startsWith("/v1/");
    }

    private OutgoingResponse mail(IncomingRequest request, String requestId) {
        switch (request.method()) {
            case "GET" -> {
                ArrayNode messages = Json.MAPPER.createArrayNode();
                for (MailMessage message : outbox.messages()) {
                    messages.addObject()
                            .put("to", message.to())
                            .put("subject", message.subject())
                            .put("text", message.text())
                            .put("html", message.html());
                }
                return new OutgoingResponse(200, List.of(Map.entry("content-type", "application/json")),
                        messages.toString().getBytes(StandardCharsets.UTF_8));
            }
            case "DELETE" -> {
                outbox.clear();
                return new OutgoingResponse(204, List.of(), new byte[0]);
            }
            default -> {
                return ApiGateway.error(GatewayError.NOT_FOUND, requestId);
            }
        }
    }

    private static void write(HttpExchange exchange, OutgoingResponse response) throws IOException {
        var headers = exchange.getResponseHeaders();
        ConsoleFiles.SECURITY_HEADERS.forEach(header -> headers.set(header.getKey(), header.getValue()));
        for (Map.Entry<String, String> header : response.headers()) {
            String name = header.getKey();
            if (name.equals("content-length") || name.equals("transfer-encoding") || name.equals("connection")) {
                continue; // the HTTP server frames the body itself
            }
            headers.add(name, header.getValue());
        }
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD")
                || response.status() == 204 || response.status() == 304;
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response.body());
            }
        }
        exchange.close();
    }
}
