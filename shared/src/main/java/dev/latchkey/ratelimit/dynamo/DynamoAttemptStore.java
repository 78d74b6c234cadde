package dev.latchkey.ratelimit.dynamo;

import dev.latchkey.config.Config;
import dev.latchkey.ratelimit.AttemptCounter;
import dev.latchkey.ratelimit.AttemptStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import dev.latchkey.store.Forgetting;
import dev.latchkey.store.Item;
import dev.latchkey.store.Key;
import dev.latchkey.store.LatchkeyTable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Attempt counters: {@code LIMIT#{policy}#{sha256(subject)}} / {@code LIMIT}, counted with {@code ADD}
 * through the low-level client.
 */
@Singleton
public final class DynamoAttemptStore implements AttemptStore {
    private static final String PREFIX = "LIMIT#";
    private static final String SK = "LIMIT";

    private final DynamoDbClient dynamo;
    private final LatchkeyTable items;
    private final String table;

    @Inject
    public DynamoAttemptStore(DynamoDbClient dynamo, LatchkeyTable items, Config config) {
        this.dynamo = dynamo;
        this.items = items;
        this.table = config.tableName();
    }

    @Override
    public Optional<AttemptCounter> find(String key) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table).key(key(key)).consistentRead(false).build()).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(counter(Item.stored(item)));
    }

    /** One BatchGetItem (eventually consistent, as {@link #find}) for several counters; one GetItem for one. */
    @Override
    public Map<String, Optional<AttemptCounter>> findAll(List<String> keys) {
        if (keys.size() == 1) {
            return Map.of(keys.get(0), find(keys.get(0)));
        }
        Map<String, Optional<AttemptCounter>> found = new LinkedHashMap<>();
        List<Key> asked = new LinkedHashSet<>(keys).stream().map(key -> {
            found.put(key, Optional.empty());
            return new Key(PREFIX + key, SK);
        }).toList();
        for (Item item : items.getAll(asked)) {
            found.put(item.str("pk").substring(PREFIX.length()), Optional.of(counter(item)));
        }
        return found;
    }

    private static AttemptCounter counter(Item item) {
        return new AttemptCounter(Math.toIntExact(item.num("attempts")), Instant.ofEpochMilli(item.num("windowStart")),
                Instant.ofEpochMilli(item.num("lastAttempt")));
    }

    @Override
    public boolean increment(String key, Instant now, Instant cutoff, Instant expiresAt) {
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
                            ":cutoff", number(cutoff.toEpochMilli())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException noOpenWindow) {
            return false;
        }
    }

    @Override
    public boolean startWindow(String key, Instant now, Instant cutoff, Instant expiresAt) {
        try {
            dynamo.putItem(PutItemRequest.builder()
                    .tableName(table)
                    .item(Map.of(
                            "pk", key(key).get("pk"),
                            "sk", AttributeValue.fromS(SK),
                            "type", AttributeValue.fromS("limit"),
                            "attempts", AttributeValue.fromN("1"),
                            "windowStart", number(now.toEpochMilli()),
                            "lastAttempt", number(now.toEpochMilli()),
                            "expiresAt", number(expiresAt.getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk) OR windowStart <= :cutoff")
                    .expressionAttributeValues(Map.of(":cutoff", number(cutoff.toEpochMilli())))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException windowOpenedMeanwhile) {
            return false;
        }
    }

    @Override
    public boolean clear(String key) {
        return dynamo.deleteItem(DeleteItemRequest.builder().tableName(table).key(key(key)).returnValues(ReturnValue.ALL_OLD).build())
                .hasAttributes();
    }

    @Override
    public void clear(String key, Forgetting forgetting) {
        forgetting.delete(new Key(PREFIX + key, SK));
    }

    private static Map<String, AttributeValue> key(String key) {
        return Map.of("pk", AttributeValue.fromS(PREFIX + key), "sk", AttributeValue.fromS(SK));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
