package dev.latchkey.local.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * How long a cold-start child waited on DynamoDB during its first response, and in how many requests: from the
 * request leaving the SDK's HTTP client to its response arriving ({@code beforeTransmission} to
 * {@code afterTransmission}: the round trip and DynamoDB Local's own time, not the SDK's marshalling). Registered
 * for every SDK client of the child (functions and floor alike) as a global interceptor, by the file
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} that {@link ColdStartBench} writes beside the
 * runners' classes and into the floor's jar; never on the class path of a deployed function.
 *
 * <p>It also notes each request's {@linkplain #shape shape} (operation, and the kinds of items of a transaction or a
 * batch), which {@link BaselineRunner} replays as the floor with the same requests. Request classes are named by
 * their simple name and cast only in the branch that needs them, so a child that never sends a transaction does not
 * load its classes here.
 */
public final class DynamoWait implements ExecutionInterceptor {
    /** The resource the SDK reads global interceptors from. */
    static final String REGISTRATION = "software/amazon/awssdk/global/handlers/execution.interceptors";

    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("latchkey.bench.sent");
    private static long waitedNanos;
    private static int requests;
    private static final List<String> shapes = new ArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String shape = shape(context.request());
        synchronized (DynamoWait.class) {
            shapes.add(shape);
        }
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sent = attributes.getAttribute(SENT);
        if (sent != null) {
            synchronized (DynamoWait.class) {
                waitedNanos += System.nanoTime() - sent;
                requests++;
            }
        }
    }

    /** Forgets what was counted (before the measured invocation: priming requests are not part of it). */
    static synchronized void reset() {
        waitedNanos = 0;
        requests = 0;
        shapes.clear();
    }

    static synchronized double waitedMs() {
        return waitedNanos / 1_000_000.0;
    }

    static synchronized int requests() {
        return requests;
    }

    /** The shapes of the requests since {@link #reset}, in order, joined by commas (empty when none). */
    static synchronized String shapes() {
        return String.join(",", shapes);
    }

    /**
     * A request as {@link BaselineRunner} replays it: the operation ({@code GetItem}, {@code Query}, …), for
     * {@code TransactWriteItems} and {@code BatchWriteItem} a colon and one letter per item ({@code P}ut,
     * {@code U}pdate, {@code D}elete, {@code C}onditionCheck), for {@code BatchGetItem} and {@code TransactGetItems}
     * a colon and the number of keys.
     */
    static String shape(Object request) {
        String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
        StringBuilder shape = new StringBuilder(operation);
        switch (operation) {
            case "TransactWriteItems" -> {
                shape.append(':');
                for (TransactWriteItem item : ((TransactWriteItemsRequest) request).transactItems()) {
                    shape.append(item.put() != null ? 'P' : item.update() != null ? 'U' : item.delete() != null ? 'D' : 'C');
                }
            }
            case "BatchWriteItem" -> {
                shape.append(':');
                for (List<WriteRequest> writes : ((BatchWriteItemRequest) request).requestItems().values()) {
                    for (WriteRequest write : writes) {
                        shape.append(write.putRequest() != null ? 'P' : 'D');
                    }
                }
            }
            case "BatchGetItem" -> {
                int keys = 0;
                for (KeysAndAttributes table : ((BatchGetItemRequest) request).requestItems().values()) {
                    List<Map<String, AttributeValue>> tableKeys = table.keys();
                    keys += tableKeys.size();
                }
                shape.append(':').append(keys);
            }
            case "TransactGetItems" -> shape.append(':').append(((TransactGetItemsRequest) request).transactItems().size());
            default -> {
                // the operation alone
            }
        }
        return shape.toString();
    }
}
