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
import java.util.ArrayList;
import java.util.List;
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
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import dev.latchkey.devkit.LambdaContext;

/**
 * The floor for {@link ColdStartBench}: {@code BaselineRunner <eventFile> [--restore]} in the same kind of fresh JVM as
 * {@link ColdStartRunner}, but from its own jar (see {@link ColdStartBench}): this class, the devkit's
 * {@link LambdaContext}, the SDK's DynamoDB client with UrlConnectionHttpClient and their dependencies,
 * aws-lambda-java-core and slf4j-nop; no Log4j, Jackson databind, Powertools or Lambda event serializers. Its handler
 * is the smallest one that answers GetMe's event: a {@link RequestStreamHandler} that builds a raw
 * {@link DynamoDbClient} at init (UrlConnectionHttpClient, explicit region, static credentials, endpoint override) and
 * per request reads the bearer token from the event bytes, makes the requests GetMe makes — a consistent GetItem
 * of {@code SESSION#{sha256(token)}}, then of {@code USER#{userId}} / {@code PROFILE} — and writes the item as a
 * hand-written JSON string.
 *
 * <p>With {@code --restore} it primes before the first request, as a SnapStart function would before its snapshot:
 * one invocation for a user that cannot exist (the whole request path, DynamoDB included).
 *
 * <p>With {@code --requests SHAPES --scratch PK} it is the floor with a function's requests: the same kind of handler,
 * whose first response makes, in order, requests of the shapes a function's first response made (as
 * {@link DynamoWait#shape} notes them: operation, and the kinds of items of a transaction or a batch), each on items
 * of the partition {@code PK}, where the harness has put one item ({@code PK} / {@code ITEM}) before the JVM starts:
 * GetItem, Query, BatchGetItem and TransactGetItems read it (consistent), PutItem, UpdateItem, DeleteItem, and the
 * items of TransactWriteItems and BatchWriteItem write and delete items of their own there. It is what the least
 * Java function pays for the DynamoDB requests that function's operation makes.
 *
 * <p>It prints one JSON line on stdout ({@link Report}), the same line {@link ColdStartRunner} prints.
 */
public final class BaselineRunner {

    private BaselineRunner() {
    }

    public static void main(String[] args) throws Exception {
        long mainEpochMs = System.currentTimeMillis();
        long mainNanos = System.nanoTime();
        PrintStream result = System.out;
        System.setOut(System.err);
        List<String> arguments = List.of(args);
        boolean restore = arguments.contains("--restore");
        int requestsAt = arguments.indexOf("--requests");
        boolean replay = requestsAt > 0 && args.length == 5 && "--scratch".equals(args[3]) && !restore;
        if (!replay && (args.length != (restore ? 2 : 1) || args[0].startsWith("--"))) {
            System.err.println("usage: BaselineRunner <eventFile> [--restore]\n"
                    + "       BaselineRunner <eventFile> --requests <shape,shape,...> --scratch <partition key>");
            System.exit(2);
        }
        byte[] event = Files.readAllBytes(Path.of(args[0]));

        Handler handler = replay ? new Handler(List.of(args[2].split(",")), args[4]) : new Handler();
        long initNanos = System.nanoTime();
        long restoredNanos = initNanos;
        if (restore) {
            handler.prime();
            restoredNanos = System.nanoTime();
        }

        DynamoWait.reset();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), response,
                LambdaContext.fromEnvironment("ColdStartBench", 15, "bench/[$LATEST]cold"));
        long respondedNanos = System.nanoTime();

        System.err.println(response.toString(StandardCharsets.UTF_8));
        double initMs = (mainEpochMs - Report.jvmStartEpochMs()) + millis(initNanos - mainNanos);
        double firstResponseMs = millis(respondedNanos - restoredNanos);
        // a stream handler: the runtime has no serializers to create and nothing to (de)serialise
        Report report = new Report(initMs, initMs, 0, firstResponseMs, 0, firstResponseMs,
                millis(restoredNanos - initNanos), 0, restore ? 1 : 0);
        result.println(report.json(Handler.class.getName(), String.valueOf(handler.lastStatus)));
        result.flush();
        System.exit(0);
    }

    static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    /**
     * What one child JVM measured, in ms, as the one JSON line it prints. {@code constructedMs} and {@code initMs}
     * count from JVM start (the runtime MXBean's start time); {@code deserialiseMs + handleMs + serialiseMs =
     * firstResponseMs} count from the end of init or, in restore mode, from the end of the {@code afterRestore}
     * hooks; {@code beforeCheckpointMs} and {@code afterRestoreMs} are the hooks' time ({@code hooks} of them).
     * {@link #json} adds what the JVM can say about itself once the response is out: classes loaded, and CPU time and
     * peak resident memory from /proc/self (-1 where there is none), the fallbacks for GNU time's figures.
     */
    record Report(double constructedMs, double initMs, double deserialiseMs, double handleMs, double serialiseMs,
            double firstResponseMs, double beforeCheckpointMs, double afterRestoreMs, int hooks) {

        /** Read after the response, so loading the management classes stays out of the measured windows. */
        static long jvmStartEpochMs() {
            return ManagementFactory.getRuntimeMXBean().getStartTime();
        }

        String json(String handler, String status) {
            long classes = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
            return "{\"handler\":" + quote(handler)
                    + ",\"constructedMs\":" + round(constructedMs)
                    + ",\"initMs\":" + round(initMs)
                    + ",\"deserialiseMs\":" + round(deserialiseMs)
                    + ",\"handleMs\":" + round(handleMs)
                    + ",\"serialiseMs\":" + round(serialiseMs)
                    + ",\"firstResponseMs\":" + round(firstResponseMs)
                    + ",\"beforeCheckpointMs\":" + round(beforeCheckpointMs)
                    + ",\"afterRestoreMs\":" + round(afterRestoreMs)
                    + ",\"hooks\":" + hooks
                    + ",\"classesLoaded\":" + classes
                    + ",\"dynamoRequests\":" + DynamoWait.requests()
                    + ",\"dynamoWaitMs\":" + round(DynamoWait.waitedMs())
                    + ",\"dynamoShapes\":" + quote(DynamoWait.shapes())
                    + ",\"selfCpuMs\":" + selfCpuMs()
                    + ",\"selfPeakRssKb\":" + selfPeakRssKb()
                    + ",\"status\":" + quote(status) + "}";
        }

        private static String round(double ms) {
            return String.valueOf(Math.round(ms * 10) / 10.0);
        }

        /** utime + stime of this process so far (all threads), from /proc/self/stat in clock ticks of 10 ms. */
        private static long selfCpuMs() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                // after "pid (comm) ": state is field 3, utime field 14, stime field 15
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }

        /** VmHWM, the peak resident set so far, from /proc/self/status. */
        private static long selfPeakRssKb() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream()
                        .filter(line -> line.startsWith("VmHWM:"))
                        .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                        .findFirst().orElse(-1);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }

    /**
     * {@code text} as a JSON string ({@code null} as null), for the handler's response and for {@link Report}.
     * Hand-written on purpose: the floor's handler uses no Jackson databind, whose class loading would otherwise land
     * in its measured first response. Elsewhere (tests, the dev server) Jackson quotes.
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
        private static final String PRIMING_EVENT = "{\"headers\":{\"authorization\":\"Bearer lk_s_priming\"}}";

        private final DynamoDbClient dynamoDb;
        private final String table;
        private final List<String> replay;
        private final String scratch;
        private int lastStatus;

        public Handler() {
            this(null, null);
        }

        /** The floor with a function's requests: {@code replay} in {@link DynamoWait#shape} form, on partition {@code scratch}. */
        Handler(List<String> replay, String scratch) {
            Map<String, String> env = System.getenv();
            this.replay = replay;
            this.scratch = scratch;
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

        /** For a test: the given client and table. */
        Handler(DynamoDbClient dynamoDb, String table, List<String> replay, String scratch) {
            this.dynamoDb = dynamoDb;
            this.table = table;
            this.replay = replay;
            this.scratch = scratch;
        }

        /** What a SnapStart hook of this handler would do before the snapshot: one request with a token that cannot exist. */
        void prime() throws IOException {
            handleRequest(new ByteArrayInputStream(PRIMING_EVENT.getBytes(StandardCharsets.UTF_8)),
                    OutputStream.nullOutputStream(), LambdaContext.fromEnvironment("ColdStartBench", 15, "bench/[$LATEST]prime"));
        }

        @Override
        public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
            String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
            if (replay != null) {
                int requests = replay(replay, scratch);
                lastStatus = 200;
                output.write(("{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\"},\"body\":"
                        + quote("{\"requests\":" + requests + "}") + "}").getBytes(StandardCharsets.UTF_8));
                return;
            }
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

        /**
         * Makes one request per shape on partition {@code pk} (see the class comment) and answers how many it made.
         * Every key a write touches is its own ({@code kind#request#item}), so no transaction names an item twice.
         */
        int replay(List<String> shapes, String pk) {
            for (int n = 0; n < shapes.size(); n++) {
                String shape = shapes.get(n);
                int colon = shape.indexOf(':');
                String operation = colon < 0 ? shape : shape.substring(0, colon);
                String detail = colon < 0 ? "" : shape.substring(colon + 1);
                String at = "#" + n;
                switch (operation) {
                    case "GetItem" -> dynamoDb.getItem(r -> r.tableName(table).key(key(pk, "ITEM")).consistentRead(true));
                    case "Query" -> dynamoDb.query(r -> r.tableName(table).consistentRead(true)
                            .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))));
                    case "PutItem" -> dynamoDb.putItem(r -> r.tableName(table).item(item(pk, "PUT" + at)));
                    case "UpdateItem" -> dynamoDb.updateItem(r -> r.tableName(table).key(key(pk, "ITEM"))
                            .updateExpression("SET n = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1"))));
                    case "DeleteItem" -> dynamoDb.deleteItem(r -> r.tableName(table).key(key(pk, "DEL" + at)));
                    case "TransactWriteItems" -> {
                        List<TransactWriteItem> items = new ArrayList<>();
                        for (int i = 0; i < detail.length(); i++) {
                            String sk = detail.charAt(i) + at + "#" + i;
                            items.add(switch (detail.charAt(i)) {
                                case 'P' -> TransactWriteItem.builder().put(p -> p.tableName(table).item(item(pk, sk))).build();
                                case 'U' -> TransactWriteItem.builder().update(u -> u.tableName(table).key(key(pk, sk))
                                        .updateExpression("SET n = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromN("1")))).build();
                                case 'D' -> TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(pk, sk))).build();
                                case 'C' -> TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key(pk, sk))
                                        .conditionExpression("attribute_not_exists(pk)")).build();
                                default -> throw new IllegalArgumentException("unknown transaction item in " + shape);
                            });
                        }
                        dynamoDb.transactWriteItems(r -> r.transactItems(items));
                    }
                    case "BatchWriteItem" -> {
                        List<WriteRequest> writes = new ArrayList<>();
                        for (int i = 0; i < detail.length(); i++) {
                            String sk = "B" + detail.charAt(i) + at + "#" + i;
                            writes.add(switch (detail.charAt(i)) {
                                case 'P' -> WriteRequest.builder().putRequest(p -> p.item(item(pk, sk))).build();
                                case 'D' -> WriteRequest.builder().deleteRequest(d -> d.key(key(pk, sk))).build();
                                default -> throw new IllegalArgumentException("unknown batch write in " + shape);
                            });
                        }
                        dynamoDb.batchWriteItem(r -> r.requestItems(Map.of(table, writes)));
                    }
                    case "BatchGetItem" -> {
                        List<Map<String, AttributeValue>> keys = keys(pk, at, Integer.parseInt(detail));
                        dynamoDb.batchGetItem(r -> r.requestItems(Map.of(table,
                                KeysAndAttributes.builder().keys(keys).consistentRead(true).build())));
                    }
                    case "TransactGetItems" -> {
                        List<TransactGetItem> gets = new ArrayList<>();
                        for (Map<String, AttributeValue> key : keys(pk, at, Integer.parseInt(detail))) {
                            gets.add(TransactGetItem.builder().get(g -> g.tableName(table).key(key)).build());
                        }
                        dynamoDb.transactGetItems(r -> r.transactItems(gets));
                    }
                    default -> throw new IllegalArgumentException("no replay for a request of shape " + shape);
                }
            }
            return shapes.size();
        }

        /** The scratch item and {@code count - 1} absent keys beside it. */
        private static List<Map<String, AttributeValue>> keys(String pk, String at, int count) {
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            keys.add(key(pk, "ITEM"));
            for (int i = 1; i < count; i++) {
                keys.add(key(pk, "G" + at + "#" + i));
            }
            return keys;
        }

        private static Map<String, AttributeValue> key(String pk, String sk) {
            return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
        }

        /** An item of about the size of Latchkey's (a few short attributes). */
        static Map<String, AttributeValue> item(String pk, String sk) {
            return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk), "type", AttributeValue.fromS("floor"),
                    "userId", AttributeValue.fromS("0123456789abcdef0123456789abcdef"),
                    "createdAt", AttributeValue.fromS("2026-01-01T00:00:00.000Z"), "n", AttributeValue.fromN("0"));
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
