package dev.latchkey.local.bench.crac;

/** A {@code beforeCheckpoint} hook failed (its exceptions are suppressed in this one), as {@code jdk.crac} reports it. */
public final class CheckpointException extends Exception {
    private static final long serialVersionUID = 1L;

    public CheckpointException() {
        super("a beforeCheckpoint hook failed");
    }
}
