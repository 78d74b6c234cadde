package dev.latchkey.functions.wiring;

import java.util.List;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/** Extra interceptors for the DynamoDB client: none in Lambda; a capacity recorder in the benchmark. */
public record SdkInterceptors(List<ExecutionInterceptor> all) {
    public static final SdkInterceptors NONE = new SdkInterceptors(List.of());
}
