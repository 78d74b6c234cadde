package dev.latchkey.local.bench.crac;

import java.util.ArrayList;
import java.util.List;

/**
 * The global context: keeps what is registered (strongly: the JVM ends soon after) and notifies it in CRaC's order,
 * {@code beforeCheckpoint} last registered first, {@code afterRestore} first registered first.
 */
public final class Context implements Resource {
    private final List<Resource> resources = new ArrayList<>();

    Context() {
    }

    public synchronized void register(Resource resource) {
        resources.add(resource);
    }

    synchronized int size() {
        return resources.size();
    }

    @Override
    public synchronized void beforeCheckpoint(Context context) throws CheckpointException {
        runHooks(resources.reversed(), resource -> resource.beforeCheckpoint(this), new CheckpointException());
    }

    @Override
    public synchronized void afterRestore(Context context) throws RestoreException {
        runHooks(resources, resource -> resource.afterRestore(this), new RestoreException());
    }

    private interface Hook {
        void run(Resource resource) throws Exception;
    }

    /** Runs the hook on every resource, even after one fails; throws {@code failed} with what failed suppressed in it. */
    private static <E extends Exception> void runHooks(List<Resource> resources, Hook hook, E failed) throws E {
        for (Resource resource : resources) {
            try {
                hook.run(resource);
            } catch (Exception e) {
                failed.addSuppressed(e);
            }
        }
        if (failed.getSuppressed().length > 0) {
            throw failed;
        }
    }
}
