package dev.latchkey.local.bench.crac;

/**
 * {@code jdk.crac.Core}'s shape, emulated: {@link #checkpointRestore()} runs the registered {@code beforeCheckpoint}
 * hooks, notes the moment a snapshot would be taken, and runs the {@code afterRestore} hooks, all in this JVM.
 */
public final class Core {
    private static final Context GLOBAL = new Context();
    private static volatile long checkpointNanos;

    private Core() {
    }

    public static Context getGlobalContext() {
        return GLOBAL;
    }

    public static void checkpointRestore() throws CheckpointException, RestoreException {
        GLOBAL.beforeCheckpoint(null);
        checkpointNanos = System.nanoTime();
        GLOBAL.afterRestore(null);
    }

    /** {@link System#nanoTime()} when the last {@link #checkpointRestore()} finished its beforeCheckpoint hooks. */
    public static long checkpointNanos() {
        return checkpointNanos;
    }

    /** How many resources are registered. */
    public static int registered() {
        return GLOBAL.size();
    }
}
