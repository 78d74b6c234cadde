package dev.latchkey.functions.logging;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;

/**
 * The invocation a log line belongs to. A handler runs its work inside {@link #withContext}; every line logged
 * on that thread meanwhile, by any logger (ours, the AWS SDK's), carries the invocation's {@code AWSRequestId}
 * and function name. Outside an invocation (init, priming, other threads) lines carry no request id.
 */
public final class RequestLog {
    private static final ScopedValue<Invocation> CURRENT = ScopedValue.newInstance();

    private RequestLog() {
    }

    /** Runs {@code work} as the invocation {@code context} describes; a null context runs it without one. */
    public static <T> T withContext(Context context, Supplier<T> work) {
        if (context == null) {
            return work.get();
        }
        return ScopedValue.where(CURRENT, new Invocation(context.getAwsRequestId(), context.getFunctionName()))
                .call(work::get);
    }

    /** The invocation of this thread, or null outside one. */
    static Invocation current() {
        return CURRENT.isBound() ? CURRENT.get() : null;
    }

    record Invocation(String requestId, String functionName) {
    }
}
