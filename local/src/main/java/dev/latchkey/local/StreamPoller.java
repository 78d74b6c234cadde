package dev.latchkey.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.devkit.SamTemplate.StreamSubscription;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * template.yaml's DynamoDB stream event sources, locally: polls DynamoDB Local's stream of the table, turns each
 * record into the JSON of a Lambda DynamoDB stream event ({@code Records[].dynamodb.OldImage} …), applies each
 * subscription's FilterCriteria (equality patterns, as the template uses), invokes the function with batches of its
 * BatchSize, and retries from the first record the function reports in {@code batchItemFailures} (or the whole batch
 * when it throws), up to MaximumRetryAttempts; then it gives up on that record, as Lambda does before sending it to
 * the on-failure destination.
 */
final class StreamPoller implements AutoCloseable {
    private static final long POLL_MILLIS = 200;

    /** A subscription with its function. */
    record Subscriber(StreamSubscription subscription, LambdaFunction function) {
    }

    private final DynamoDbStreamsClient streams;
    private final DynamoDbClient dynamo;
    private final String table;
    private final List<Subscriber> subscribers;
    private final PrintStream out;
    private final Map<String, String> iterators = new HashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private String streamArn;
    private long delivered;

    private StreamPoller(URI endpoint, String table, List<Subscriber> subscribers, PrintStream out) {
        this.streams = DynamoDbStreamsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(endpoint)
                .build();
        this.dynamo = dev.latchkey.devkit.DynamoDbLocal.newClient(endpoint);
        this.table = table;
        this.subscribers = List.copyOf(subscribers);
        this.out = out;
        this.thread = Thread.ofPlatform().daemon().name("stream-poller").unstarted(this::run);
    }

    /** Starts polling from the stream's current end (what happens from now on). */
    static StreamPoller start(URI endpoint, String table, List<Subscriber> subscribers, PrintStream out) {
        StreamPoller poller = new StreamPoller(endpoint, table, subscribers, out);
        poller.streamArn = poller.dynamo.describeTable(d -> d.tableName(table)).table().latestStreamArn();
        if (poller.streamArn != null) {
            for (Shard shard : poller.shards()) {
                if (shard.sequenceNumberRange().endingSequenceNumber() == null) {
                    poller.iterators.put(shard.shardId(), poller.iterator(shard.shardId(), ShardIteratorType.LATEST));
                } else {
                    poller.finishedShards.add(shard.shardId());
                }
            }
            poller.thread.start();
        }
        return poller;
    }

    /** Records handed to functions so far (after filtering). */
    synchronized long delivered() {
        return delivered;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        streams.close();
        dynamo.close();
    }

    private void run() {
        while (running) {
            try {
                pollOnce();
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("stream poller: " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }

    /** One round: new shards from their start, then every open iterator once. Package-private for tests. */
    void pollOnce() {
        for (Shard shard : shards()) {
            if (!iterators.containsKey(shard.shardId()) && !finishedShards.contains(shard.shardId())) {
                iterators.put(shard.shardId(), iterator(shard.shardId(), ShardIteratorType.TRIM_HORIZON));
            }
        }
        for (Iterator<Map.Entry<String, String>> it = iterators.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, String> entry = it.next();
            GetRecordsResponse response = streams.getRecords(g -> g.shardIterator(entry.getValue()));
            if (!response.records().isEmpty()) {
                deliver(response.records());
            }
            if (response.nextShardIterator() == null) {
                finishedShards.add(entry.getKey());
                it.remove();
            } else {
                entry.setValue(response.nextShardIterator());
            }
        }
    }

    private List<Shard> shards() {
        return streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards();
    }

    private String iterator(String shardId, ShardIteratorType type) {
        return streams.getShardIterator(g -> g.streamArn(streamArn).shardId(shardId).shardIteratorType(type)).shardIterator();
    }

    private void deliver(List<Record> records) {
        List<ObjectNode> events = records.stream().map(this::event).toList();
        for (Subscriber subscriber : subscribers) {
            List<ObjectNode> matching = events.stream().filter(e -> matches(subscriber.subscription().filterPatterns(), e)).toList();
            int size = Math.max(1, subscriber.subscription().batchSize());
            for (int from = 0; from < matching.size(); from += size) {
                invoke(subscriber, new ArrayList<>(matching.subList(from, Math.min(matching.size(), from + size))));
            }
        }
    }

    /** Invokes with the batch; retries from the first failed record, at most MaximumRetryAttempts times. */
    private void invoke(Subscriber subscriber, List<ObjectNode> batch) {
        int retriesLeft = subscriber.subscription().maximumRetryAttempts() < 0 ? 10_000 : subscriber.subscription().maximumRetryAttempts();
        List<ObjectNode> pending = batch;
        while (!pending.isEmpty()) {
            String failedFrom;
            try {
                ObjectNode event = Json.MAPPER.createObjectNode();
                event.putArray("Records").addAll(pending);
                byte[] response = subscriber.function().invoke(Json.MAPPER.writeValueAsBytes(event), subscriber.function().newContext());
                synchronized (this) {
                    delivered += pending.size();
                }
                failedFrom = firstFailure(subscriber, response);
            } catch (Exception e) {
                System.err.println(subscriber.function().name() + " failed on a stream batch: " + e);
                failedFrom = pending.getFirst().path("dynamodb").path("SequenceNumber").asText();
            }
            if (failedFrom == null) {
                return;
            }
            if (retriesLeft-- <= 0) {
                out.println(subscriber.function().name() + ": gave up on stream records from " + failedFrom
                        + " after its retries (in AWS they go to the on-failure destination)");
                return;
            }
            String from = failedFrom;
            int index = 0;
            while (index < pending.size() && !pending.get(index).path("dynamodb").path("SequenceNumber").asText().equals(from)) {
                index++;
            }
            pending = index < pending.size() ? new ArrayList<>(pending.subList(index, pending.size())) : pending;
            out.println(subscriber.function().name() + ": retrying " + pending.size() + " stream record(s) from " + from);
        }
    }

    private static String firstFailure(Subscriber subscriber, byte[] response) throws java.io.IOException {
        if (!subscriber.subscription().reportsItemFailures() || response.length == 0) {
            return null;
        }
        JsonNode failures = Json.MAPPER.readTree(response).path("batchItemFailures");
        return failures.isArray() && !failures.isEmpty() ? failures.get(0).path("itemIdentifier").asText() : null;
    }

    /** A stream record as Lambda's DynamoDB event shows it. */
    private ObjectNode event(Record record) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("eventID", record.eventID());
        event.put("eventName", record.eventNameAsString());
        event.put("eventVersion", record.eventVersion());
        event.put("eventSource", "aws:dynamodb");
        event.put("awsRegion", record.awsRegion());
        StreamRecord change = record.dynamodb();
        ObjectNode dynamodb = event.putObject("dynamodb");
        if (change.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", change.approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.set("Keys", image(change.keys()));
        if (change.hasNewImage()) {
            dynamodb.set("NewImage", image(change.newImage()));
        }
        if (change.hasOldImage()) {
            dynamodb.set("OldImage", image(change.oldImage()));
        }
        dynamodb.put("SequenceNumber", change.sequenceNumber());
        dynamodb.put("SizeBytes", change.sizeBytes());
        dynamodb.put("StreamViewType", change.streamViewTypeAsString());
        event.put("eventSourceARN", streamArn);
        return event;
    }

    private static ObjectNode image(Map<String, AttributeValue> item) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        item.forEach((name, value) -> node.set(name, attribute(value)));
        return node;
    }

    private static JsonNode attribute(AttributeValue value) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", Base64.getEncoder().encodeToString(value.b().asByteArray()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case M -> node.set("M", image(value.m()));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(v -> list.add(attribute(v)));
            }
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> value.bs().forEach(b -> node.withArray("BS").add(Base64.getEncoder().encodeToString(b.asByteArray())));
            default -> node.putNull("UNKNOWN");
        }
        return node;
    }

    /** Lambda's filter semantics for what the template uses: nested objects, and arrays of allowed exact values. */
    static boolean matches(List<String> patterns, JsonNode event) {
        if (patterns.isEmpty()) {
            return true;
        }
        for (String pattern : patterns) {
            try {
                if (matches(Json.MAPPER.readTree(pattern), event)) {
                    return true;
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("FilterCriteria pattern is not JSON: " + pattern, e);
            }
        }
        return false;
    }

    private static boolean matches(JsonNode pattern, JsonNode value) {
        if (pattern.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = pattern.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (value == null || !value.isObject() || !matches(field.getValue(), value.get(field.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (pattern.isArray()) {
            for (JsonNode allowed : pattern) {
                if (allowed.isObject()) {
                    throw new UnsupportedOperationException("the dev server's filter supports exact values only, not " + allowed);
                }
                if (value != null && value.isValueNode() && allowed.asText().equals(value.asText())) {
                    return true;
                }
            }
            return false;
        }
        throw new UnsupportedOperationException("a filter pattern's leaves must be arrays of values: " + pattern);
    }
}
