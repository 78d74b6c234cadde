package dev.latchkey.store;

import dev.latchkey.config.Config;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one table, through the low-level client: reads and writes of {@link Item}s, queries, and
 * {@link Transaction}s. It lists no item types; each feature's adapter knows its own.
 */
@Singleton
public final class LatchkeyTable {
    /** The global secondary index: {@code gsi1pk} and {@code gsi1sk}, projection ALL. */
    public static final String GSI1 = "GSI1";
    /** BatchWriteItem's most requests in one call. */
    static final int BATCH_WRITES = 25;
    /** BatchWriteItem calls for one batch, the first and the resends of what came back unprocessed. */
    static final int BATCH_ATTEMPTS = 6;

    private final DynamoDbClient dynamo;
    private final String name;
    private final ThreadLocal<Together> together = new ThreadLocal<>();

    @Inject
    public LatchkeyTable(DynamoDbClient dynamo, Config config) {
        this.dynamo = dynamo;
        this.name = config.tableName();
    }

    public String name() {
        return name;
    }

    /** The item at {@code key}, or null; strongly consistent for what is decided on, eventually (half the cost) for the rest. */
    public Item get(Key key, boolean consistent) {
        return Item.stored(dynamo.getItem(GetItemRequest.builder().tableName(name).key(key.attributes())
                .consistentRead(consistent).build()).item());
    }

    /** Writes {@code item} whole, over whatever was at its key. */
    public void put(Item item) {
        dynamo.putItem(PutItemRequest.builder().tableName(name).item(item.attributes()).build());
    }

    /**
     * Writes {@code item} whole if {@code condition} holds.
     *
     * @throws software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException when it does not
     */
    public void put(Item item, Condition condition) {
        dynamo.putItem(PutItemRequest.builder().tableName(name).item(item.attributes())
                .conditionExpression(condition.expression())
                .expressionAttributeNames(Transaction.orNull(condition.names()))
                .expressionAttributeValues(Transaction.orNull(condition.values())).build());
    }

    /**
     * Sets every attribute {@code item} has but its key on the item at its key, if {@code condition} holds.
     *
     * @throws software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException when it does not
     */
    public void update(Item item, Condition condition) {
        SetAll set = SetAll.of(item, condition);
        dynamo.updateItem(UpdateItemRequest.builder().tableName(name).key(item.key().attributes())
                .updateExpression(set.expression()).conditionExpression(condition.expression())
                .expressionAttributeNames(set.names()).expressionAttributeValues(set.values()).build());
    }

    /** Deletes the item at {@code key}; whether there was one. */
    public boolean delete(Key key) {
        return deleted(DeleteItemRequest.builder().tableName(name).key(key.attributes()));
    }

    /**
     * Deletes the item at {@code key} if {@code condition} holds; whether there was one.
     *
     * @throws software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException when it does not
     */
    public boolean delete(Key key, Condition condition) {
        return deleted(DeleteItemRequest.builder().tableName(name).key(key.attributes())
                .conditionExpression(condition.expression())
                .expressionAttributeNames(Transaction.orNull(condition.names()))
                .expressionAttributeValues(Transaction.orNull(condition.values())));
    }

    private boolean deleted(DeleteItemRequest.Builder request) {
        return Item.stored(dynamo.deleteItem(request.returnValues(ReturnValue.ALL_OLD).build()).attributes()) != null;
    }

    /**
     * Deletes the items at {@code keys}, unconditionally, with BatchWriteItem: 25 keys a request, each key once (DynamoDB
     * refuses a batch that names an item twice), an absent item no error. What DynamoDB leaves unprocessed (throttling)
     * is sent again after a short backoff, {@value #BATCH_ATTEMPTS} attempts in all; still unprocessed then, it throws,
     * and the caller's own retry (a stream record's) finishes the job. Returns how many distinct keys it deleted.
     *
     * @throws IllegalStateException when deletes are still unprocessed after the last attempt
     */
    public int deleteAll(Collection<Key> keys) {
        List<Key> distinct = List.copyOf(new LinkedHashSet<>(keys));
        for (int from = 0; from < distinct.size(); from += BATCH_WRITES) {
            List<WriteRequest> writes = new ArrayList<>(BATCH_WRITES);
            for (Key key : distinct.subList(from, Math.min(distinct.size(), from + BATCH_WRITES))) {
                writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key.attributes()).build()).build());
            }
            Map<String, List<WriteRequest>> pending = Map.of(name, writes);
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > BATCH_ATTEMPTS) {
                    throw new IllegalStateException(pending.getOrDefault(name, List.of()).size() + " deletes still unprocessed after "
                            + BATCH_ATTEMPTS + " BatchWriteItem attempts");
                }
                if (attempt > 1) {
                    backOff(attempt - 1);
                }
                Map<String, List<WriteRequest>> request = pending;
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
        return distinct.size();
    }

    /** Before the {@code retry}th resend of unprocessed writes: 10, 20, 40, 80, 160 ms (310 ms in all). */
    private static void backOff(int retry) {
        try {
            Thread.sleep(10L << (retry - 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off unprocessed deletes", e);
        }
    }

    /** A transaction to fill and {@link Transaction#commit() commit}. */
    public Transaction transaction() {
        return new Transaction(dynamo, name);
    }

    /**
     * The items at {@code keys} that exist, read with BatchGetItem, eventually consistent (half the cost: for what is
     * shown, never for what is decided), 100 keys a request; unprocessed keys are asked again. Order is not kept.
     */
    public List<Item> getAll(List<Key> keys) {
        List<Item> found = new ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += 100) {
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (Key key : keys.subList(from, Math.min(keys.size(), from + 100))) {
                batch.add(key.attributes());
            }
            Map<String, KeysAndAttributes> pending = Map.of(name, KeysAndAttributes.builder().keys(batch).consistentRead(false).build());
            while (!pending.isEmpty()) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(name, List.of())) {
                    found.add(Item.stored(item));
                }
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return found;
    }

    /**
     * The items under {@code pk} whose sort key starts with {@code skPrefix}, read strongly
     * consistently: how a feature finds everything it keeps under a user without the lagging index.
     */
    public List<Item> under(String pk, String skPrefix) {
        return query(QueryRequest.builder().tableName(name).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix))));
    }

    /** Every item under {@code pk}, read strongly consistently, every page. */
    public List<Item> under(String pk) {
        return query(QueryRequest.builder().tableName(name).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk))));
    }

    /** The items in GSI1 under {@code gsi1pk} whose GSI1 sort key starts with {@code prefix}, newest (greatest) first. */
    public List<Item> indexed(String gsi1pk, String prefix) {
        return indexed(gsi1pk, prefix, true);
    }

    /**
     * The items in GSI1 under {@code gsi1pk} whose GSI1 sort key starts with {@code prefix}, in the sort key's order
     * ({@code greatestFirst}: descending). Inside {@link #indexedTogether} for that {@code gsi1pk}, answered from the
     * one read of the whole partition.
     */
    public List<Item> indexed(String gsi1pk, String prefix, boolean greatestFirst) {
        for (Together open = together.get(); open != null; open = open.outer) {
            if (open.gsi1pk.equals(gsi1pk)) {
                if (open.partition == null) {
                    open.partition = query(QueryRequest.builder().tableName(name).indexName(GSI1).scanIndexForward(false)
                            .keyConditionExpression("gsi1pk = :pk")
                            .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(gsi1pk))));
                }
                List<Item> found = new ArrayList<>();
                for (Item item : open.partition) {
                    String sk = item.str("gsi1sk");
                    if (sk != null && sk.startsWith(prefix)) {
                        found.add(item);
                    }
                }
                return greatestFirst ? found : found.reversed();
            }
        }
        return query(QueryRequest.builder().tableName(name).indexName(GSI1).scanIndexForward(!greatestFirst)
                .keyConditionExpression("gsi1pk = :pk AND begins_with(gsi1sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(gsi1pk), ":prefix", AttributeValue.fromS(prefix))));
    }

    /**
     * Runs {@code work} with every {@link #indexed} of {@code gsi1pk} on this thread answered from one query of the
     * whole GSI1 partition, made at the first of them: several listings of one user in one request (the partition is
     * read only if one is asked for). The partition's items are those any listing under it would read, so it costs no
     * more read units than the listings alone, usually less (one query rounds up once).
     */
    public <T> T indexedTogether(String gsi1pk, java.util.function.Supplier<T> work) {
        Together outer = together.get();
        together.set(new Together(gsi1pk, outer));
        try {
            return work.get();
        } finally {
            if (outer == null) {
                together.remove();
            } else {
                together.set(outer);
            }
        }
    }

    /** An open {@link #indexedTogether}: its partition once read, and the one it is nested in. */
    private static final class Together {
        final String gsi1pk;
        final Together outer;
        List<Item> partition;

        Together(String gsi1pk, Together outer) {
            this.gsi1pk = gsi1pk;
            this.outer = outer;
        }
    }

    /** An item GSI1 has at {@code key} ({@code gsi1pk}, {@code gsi1sk}), or null: one query of one item, eventually consistent. */
    public Item indexedAt(Key key) {
        List<Map<String, AttributeValue>> items = dynamo.query(QueryRequest.builder().tableName(name).indexName(GSI1).limit(1)
                .keyConditionExpression("gsi1pk = :pk AND gsi1sk = :sk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(key.pk()), ":sk", AttributeValue.fromS(key.sk())))
                .build()).items();
        return items.isEmpty() ? null : Item.stored(items.getFirst());
    }

    private List<Item> query(QueryRequest.Builder request) {
        List<Item> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page = dynamo.query(request.exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                items.add(Item.stored(item));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /**
     * {@code SET #s0 = :s0, …} of every attribute of an item but its key, with the placeholders of a condition
     * next to its own.
     */
    record SetAll(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        static SetAll of(Item item, Condition condition) {
            StringBuilder expression = new StringBuilder("SET ");
            Map<String, String> names = new HashMap<>(condition.names());
            Map<String, AttributeValue> values = new HashMap<>(condition.values());
            int i = 0;
            for (Map.Entry<String, AttributeValue> attribute : item.attributes().entrySet()) {
                if (attribute.getKey().equals("pk") || attribute.getKey().equals("sk")) {
                    continue;
                }
                expression.append(i == 0 ? "" : ", ").append("#s").append(i).append(" = :s").append(i);
                names.put("#s" + i, attribute.getKey());
                values.put(":s" + i, attribute.getValue());
                i++;
            }
            return new SetAll(expression.toString(), names, values);
        }
    }
}
