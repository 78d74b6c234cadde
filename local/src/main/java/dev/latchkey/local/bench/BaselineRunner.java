package dev.latchkey.local.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import dev.latchkey.devkit.LambdaContext;

/**
 * The floor for {@link ColdStartBench}: {@code BaselineRunner <eventFile>} in the same kind of fresh JVM, on the
 * same class path, as {@link ColdStartRunner}. Its handler is the smallest one that answers GetMe's event: a
 * {@link RequestStreamHandler} that builds a raw {@link DynamoDbClient} at init (UrlConnectionHttpClient,
 * explicit region, static credentials, endpoint override) and per request reads the bearer token from the event
 * bytes, makes the requests GetMe makes — a consistent GetItem of {@code SESSION#{sha256(token)}}, then of
 * {@code USER#{userId}} / {@code PROFILE} — and writes the item as a hand-written JSON string. No Dagger, no Jackson databind, no Enhanced Client, no Powertools.
 */
public final class BaselineRunner {

    private BaselineRunner() {
    }

    public static void main(String[] args) throws Exception {
        long mainEpochMs = System.currentTimeMillis();
        long mainNanos = System.nanoTime();
        PrintStream result = System.out;
        System.setOut(System.err);
        if (args.length != 1) {
            System.err.println("usage: BaselineRunner <eventFile>");
            System.exit(2);
        }
        byte[] event = Files.readAllBytes(Path.of(args[0]));

        Handler handler = new Handler();
        long constructedNanos = System.nanoTime();

        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response,
                LambdaContext.fromEnvironment("ColdStartBench", 15, "bench/[$LATEST]cold"));
        long respondedNanos = System.nanoTime();

        long jvmStartEpochMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        double mainMs = mainEpochMs - jvmStartEpochMs;
        double initMs = mainMs + (constructedNanos - mainNanos) / 1_000_000.0;
        double firstResponseMs = (respondedNanos - constructedNanos) / 1_000_000.0;
        System.err.println(response.toString(StandardCharsets.UTF_8));
        // a stream handler: the runtime has no serializers to create and nothing to (de)serialise
        result.println(new ColdStartRunner.Timings(mainMs, initMs, initMs, 0, firstResponseMs, 0, firstResponseMs)
                .json(Handler.class.getName(), jvmStartEpochMs, String.valueOf(handler.lastStatus)));
        result.flush();
        System.exit(0);
    }

    /**
     * {@code text} as a JSON string ({@code null} as null), for the handler's response and for
     * {@link ColdStartRunner.Timings}. Hand-written on purpose: the baseline's handler is the floor and uses no
     * Jackson databind, whose class loading would otherwise land in its measured first response. Elsewhere (tests,
     * the dev server) Jackson quotes.
     */
    static String quote(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /** The minimal handler: everything it needs is built in its constructor, as in a Lambda init phase. */
    public static final class Handler implements RequestStreamHandler {
        private static final Pattern BEARER = Pattern.compile("\"authorization\"\\s*:\\s*\"Bearer ([A-Za-z0-9_]+)\"",
                Pattern.CASE_INSENSITIVE);

        private final DynamoDbClient dynamoDb;
        private final String table;
        private int lastStatus;

        public Handler() {
            Map<String, String> env = System.getenv();
            this.table = env.get("TABLE_NAME");
            var builder = DynamoDbClient.builder()
                    .region(Region.of(env.getOrDefault("AWS_REGION", "us-east-1")))
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder());
            String endpoint = env.get("LATCHKEY_DYNAMODB_ENDPOINT");
            if (endpoint != null && !endpoint.isBlank()) {
                builder.endpointOverride(URI.create(endpoint));
            }
            this.dynamoDb = builder.build();
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            // What GetMe does: the session by the SHA-256 of the bearer token, then the profile; both consistent.
            Matcher bearer = BEARER.matcher(event);
            Map<String, AttributeValue> session = bearer.find() ? get("SESSION#" + sha256(bearer.group(1)), "SESSION") : Map.of();
            String body;
            if (!session.containsKey("userId")) {
                lastStatus = 401;
                body = "{\"title\":\"unauthenticated\"}";
            } else {
                Map<String, AttributeValue> item = get("USER#" + session.get("userId").s(), "PROFILE");
                if (item.isEmpty()) {
                    lastStatus = 404;
                    body = "{\"title\":\"not found\"}";
                } else {
                    lastStatus = 200;
                    body = profile(item);
                }
            }
            String response = "{\"statusCode\":" + lastStatus
                    + ",\"headers\":{\"content-type\":\"application/json\"},\"body\":" + quote(body) + "}";
            output.write(response.getBytes(StandardCharsets.UTF_8));
        }

        private Map<String, AttributeValue> get(String pk, String sk) {
            GetItemResponse item = dynamoDb.getItem(r -> r
                    .tableName(table)
                    .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                    .consistentRead(true));
            return item.hasItem() ? item.item() : Map.of();
        }

        private static String sha256(String token) {
            try {
                return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String profile(Map<String, AttributeValue> item) {
            return "{\"id\":" + quote(s(item, "id"))
                    + ",\"email\":" + quote(s(item, "email"))
                    + ",\"emailVerified\":" + bool(item, "emailVerified")
                    + ",\"name\":" + quote(s(item, "name"))
                    + ",\"username\":" + quote(s(item, "username"))
                    + ",\"mfaEnabled\":" + bool(item, "mfaEnabled")
                    + ",\"createdAt\":" + quote(s(item, "createdAt")) + "}";
        }

        private static String s(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            return value == null ? null : value.s();
        }

        private static boolean bool(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            return value != null && Boolean.TRUE.equals(value.bool());
        }
    }
}
