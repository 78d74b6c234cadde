package dev.latchkey.local.bench.crac;

/** An {@code afterRestore} hook failed (its exceptions are suppressed in this one), as {@code jdk.crac} reports it. */
public final class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public RestoreException() {
        super("an afterRestore hook failed");
    }
}
