package dev.latchkey.store;

import dev.latchkey.ratelimit.AttemptCounter;
import dev.latchkey.ratelimit.AttemptStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Attempt counters: {@code LIMIT#{policy}#{sha256(subject)}} / {@code LIMIT}. Counting is one
 * conditional UpdateItem (atomic ADD while the window is open); a closed window is restarted with
 * one PutItem. The low-level client is used because the Enhanced Client has no atomic counters.
 */
@Singleton
public final class DynamoAttemptStore implements AttemptStore {
    private static final String SK = "LIMIT";

    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoAttemptStore(DynamoDbClient dynamo, dev.latchkey.config.Config config) {
        this.dynamo = dynamo;
        this.table = config.tableName();
    }

    @Override
    public Optional<AttemptCounter> find(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(key(key)).consistentRead(true).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AttemptCounter(Integer.parseInt(item.get("attempts").n()),
                Instant.ofEpochMilli(Long.parseLong(item.get("windowStart").n())),
                Instant.ofEpochMilli(Long.parseLong(item.get("lastAttempt").n()))));
    }

    @Override
    public void record(String key, Instant now, Duration window, Instant expiresAt) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder()
                    .tableName(table)
                    .key(key(key))
                    .updateExpression("ADD attempts :one SET lastAttempt = :now, expiresAt = :exp")
                    .conditionExpression("windowStart > :cutoff")
                    .expressionAttributeValues(Map.of(
                            ":one", AttributeValue.fromN("1"),
                            ":now", number(now.toEpochMilli()),
                            ":exp", number(expiresAt.getEpochSecond()),
                            ":cutoff", number(now.minus(window).toEpochMilli())))
                    .build());
        } catch (ConditionalCheckFailedException noOpenWindow) {
            // No counter, or its window has closed: start a new one. A concurrent restart may overwrite
            // this one; at worst one attempt is not counted, never one too many.
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(Map.of(
                    "pk", key(key).get("pk"),
                    "sk", AttributeValue.fromS(SK),
                    "type", AttributeValue.fromS("limit"),
                    "attempts", AttributeValue.fromN("1"),
                    "windowStart", number(now.toEpochMilli()),
                    "lastAttempt", number(now.toEpochMilli()),
                    "expiresAt", number(expiresAt.getEpochSecond()))).build());
        }
    }

    @Override
    public void clear(String key) {
        dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(key)).build());
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("pk", AttributeValue.fromS("LIMIT#" + key), "sk", AttributeValue.fromS(SK));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
