package dev.latchkey.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The writes of one TransactWriteItems request, in order: a {@code TransactionCanceledException}'s
 * reasons come in the same order. Made by {@link LatchkeyTable#transaction()}.
 */
public final class Transaction {
    private final DynamoDbClient dynamo;
    private final String table;
    private final List<TransactWriteItem> writes = new ArrayList<>();

    Transaction(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public Transaction put(Item item) {
        return put(item, null);
    }

    /** Writes {@code item} whole, if {@code condition} (null for none) holds. */
    public Transaction put(Item item, Condition condition) {
        Put.Builder put = Put.builder().tableName(table).item(item.attributes());
        if (condition != null) {
            put.conditionExpression(condition.expression()).expressionAttributeNames(orNull(condition.names()))
                    .expressionAttributeValues(orNull(condition.values()));
        }
        return add(TransactWriteItem.builder().put(put.build()).build());
    }

    /** Sets every attribute {@code item} has but its key on the item at its key, if {@code condition} holds. */
    public Transaction update(Item item, Condition condition) {
        LatchkeyTable.SetAll set = LatchkeyTable.SetAll.of(item, condition);
        return add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(item.key().attributes())
                .updateExpression(set.expression()).conditionExpression(condition.expression())
                .expressionAttributeNames(set.names()).expressionAttributeValues(set.values()).build()).build());
    }

    public Transaction delete(Key key) {
        return delete(key, null);
    }

    /** Deletes the item at {@code key} (if there is one), if {@code condition} (null for none) holds. */
    public Transaction delete(Key key, Condition condition) {
        Delete.Builder delete = Delete.builder().tableName(table).key(key.attributes());
        if (condition != null) {
            delete.conditionExpression(condition.expression()).expressionAttributeNames(orNull(condition.names()))
                    .expressionAttributeValues(orNull(condition.values()));
        }
        return add(TransactWriteItem.builder().delete(delete.build()).build());
    }

    /** Writes nothing at {@code key}, but fails the transaction unless {@code condition} holds there. */
    public Transaction check(Key key, Condition condition) {
        return add(TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(key.attributes())
                .conditionExpression(condition.expression()).expressionAttributeNames(orNull(condition.names()))
                .expressionAttributeValues(orNull(condition.values())).build()).build());
    }

    /**
     * Writes all of it or nothing.
     *
     * @throws software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException when a condition failed
     *         or a racing transaction got in the way
     */
    public void commit() {
        dynamo.transactWriteItems(t -> t.transactItems(writes));
    }

    private Transaction add(TransactWriteItem write) {
        writes.add(write);
        return this;
    }

    /** DynamoDB refuses empty maps of names and values: none is null. */
    static <V> Map<String, V> orNull(Map<String, V> map) {
        return map.isEmpty() ? null : map;
    }
}
