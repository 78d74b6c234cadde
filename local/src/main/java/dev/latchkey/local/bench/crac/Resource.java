package dev.latchkey.local.bench.crac;

/** {@code jdk.crac.Resource}'s shape: what {@code org.crac} registers (a proxy for each of the functions' resources). */
public interface Resource {
    void beforeCheckpoint(Context context) throws Exception;

    void afterRestore(Context context) throws Exception;
}
