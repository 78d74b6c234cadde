package dev.latchkey.functions;

import dev.latchkey.functions.wiring.LatchkeyComponent;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart hooks. Before the snapshot: prime the request path ({@link Priming}). After a restore:
 * replace the random generator, since every instance restored from one snapshot would otherwise
 * continue the same random stream.
 */
final class SnapStartHooks implements Resource {
    // CRaC holds resources weakly: keep a strong reference for the life of the JVM.
    private static SnapStartHooks registered;

    private final LatchkeyComponent component;

    SnapStartHooks(LatchkeyComponent component) {
        this.component = component;
    }

    static synchronized void register(LatchkeyComponent component) {
        registered = new SnapStartHooks(component);
        Core.getGlobalContext().register(registered);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        Priming.prime(component);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        component.randomness().reseed();
    }
}
