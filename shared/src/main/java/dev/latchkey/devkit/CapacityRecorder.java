package dev.latchkey.devkit;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Measures what each DynamoDB request costs: asks for {@code ReturnConsumedCapacity=TOTAL} on every
 * request and records the units reported back. Used by the benchmark and tests, never in Lambda.
 */
public final class CapacityRecorder implements ExecutionInterceptor {

    /** One request: its API name, capacity units, and whether they are read or write units. */
    public record Request(String operation, double units, boolean write) {
        @Override
        public String toString() {
            return operation + " " + units + (write ? " WCU" : " RCU");
        }
    }

    private final List<Request> requests = new ArrayList<>();

    /** Everything recorded since the last drain, in order. */
    public synchronized List<Request> drain() {
        List<Request> out = List.copyOf(requests);
        requests.clear();
        return out;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        return switch (r) {
            case GetItemRequest g -> g.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest p -> p.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest u -> u.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest d -> d.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest q -> q.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest t -> t.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest b -> b.toBuilder().returnConsumedCapacity(total).build();
            case BatchWriteItemRequest b -> b.toBuilder().returnConsumedCapacity(total).build();
            default -> r;
        };
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        SdkResponse response = context.response();
        switch (response) {
            case GetItemResponse g -> record("GetItem", g.consumedCapacity(), false);
            case QueryResponse q -> record("Query", q.consumedCapacity(), false);
            case PutItemResponse p -> record("PutItem", p.consumedCapacity(), true);
            case UpdateItemResponse u -> record("UpdateItem", u.consumedCapacity(), true);
            case DeleteItemResponse d -> record("DeleteItem", d.consumedCapacity(), true);
            case TransactWriteItemsResponse t -> record("TransactWriteItems", sum(t.consumedCapacity()), true);
            case BatchGetItemResponse b -> record("BatchGetItem", ConsumedCapacity.builder().capacityUnits(Math.max(
                    sum(b.consumedCapacity()).capacityUnits(), keysRead((BatchGetItemRequest) context.request(), b))).build(), false);
            case BatchWriteItemResponse b -> record("BatchWriteItem", sum(b.consumedCapacity()), true);
            default -> {
            }
        }
    }

    /**
     * A request that failed its condition still consumed capacity, but the SDK raises an exception
     * instead of a response; it is recorded as its operation with the minimum charge the service
     * documents (1 unit) and marked by the name suffix "(failed)".
     */
    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        SdkRequest r = context.request();
        String name = r.getClass().getSimpleName().replace("Request", "");
        boolean write = !(r instanceof GetItemRequest || r instanceof QueryRequest || r instanceof BatchGetItemRequest);
        synchronized (this) {
            requests.add(new Request(name + " (failed)", 1, write));
        }
    }

    private synchronized void record(String operation, ConsumedCapacity capacity, boolean write) {
        requests.add(new Request(operation, capacity == null || capacity.capacityUnits() == null ? 0 : capacity.capacityUnits(), write));
    }

    /**
     * What AWS charges a BatchGetItem at the least: it reads each key as a GetItem, so every key asked and processed
     * costs 0.5 (eventually consistent) or 1 (consistent) unit for items up to 4 KB, found or not. DynamoDB Local
     * reports only the items it found, so the recorder charges the greater of the two.
     */
    private static double keysRead(BatchGetItemRequest request, BatchGetItemResponse response) {
        double units = 0;
        for (var entry : request.requestItems().entrySet()) {
            int asked = entry.getValue().keys().size();
            int unprocessed = response.hasUnprocessedKeys() && response.unprocessedKeys().containsKey(entry.getKey())
                    ? response.unprocessedKeys().get(entry.getKey()).keys().size() : 0;
            units += (asked - unprocessed) * (Boolean.TRUE.equals(entry.getValue().consistentRead()) ? 1.0 : 0.5);
        }
        return units;
    }

    private static ConsumedCapacity sum(List<ConsumedCapacity> all) {
        double units = all == null ? 0 : all.stream().mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
        return ConsumedCapacity.builder().capacityUnits(units).build();
    }
}
