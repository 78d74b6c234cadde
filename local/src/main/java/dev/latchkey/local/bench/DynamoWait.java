package dev.latchkey.local.bench;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * How long a cold-start child waited on DynamoDB during its first response, and in how many requests: from the
 * request leaving the SDK's HTTP client to its response arriving ({@code beforeTransmission} to
 * {@code afterTransmission}: the round trip and DynamoDB Local's own time, not the SDK's marshalling). Registered
 * for every SDK client of the child (functions and floor alike) as a global interceptor, by the file
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors} that {@link ColdStartBench} writes beside the
 * runners' classes and into the floor's jar; never on the class path of a deployed function.
 */
public final class DynamoWait implements ExecutionInterceptor {
    /** The resource the SDK reads global interceptors from. */
    static final String REGISTRATION = "software/amazon/awssdk/global/handlers/execution.interceptors";

    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("latchkey.bench.sent");
    private static long waitedNanos;
    private static int requests;

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
    }

    static synchronized double waitedMs() {
        return waitedNanos / 1_000_000.0;
    }

    static synchronized int requests() {
        return requests;
    }
}
