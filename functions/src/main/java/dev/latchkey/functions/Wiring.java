package dev.latchkey.functions;

import dev.latchkey.config.Config;
import dev.latchkey.functions.wiring.DaggerLatchkeyComponent;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.functions.wiring.SdkInterceptors;
import java.time.Clock;

/**
 * Holds the JVM's one component. In Lambda it is built from the environment the first time a
 * handler is constructed (during init, so SnapStart snapshots it); the dev server and tests
 * install their own before constructing handlers.
 */
public final class Wiring {
    private static volatile LatchkeyComponent component;

    private Wiring() {
    }

    public static LatchkeyComponent component() {
        LatchkeyComponent current = component;
        if (current == null) {
            synchronized (Wiring.class) {
                current = component;
                if (current == null) {
                    current = build(Config.fromEnvironment(System.getenv()), Clock.systemUTC());
                    // No priming here: without a snapshot it would only move the first request's work into init (the
                    // JSON classes it loads are the SDK's, which the first DynamoDB response needs anyway). Before a
                    // SnapStart snapshot the hooks prime (Priming.prime), so restored instances start warm.
                    SnapStartHooks.register(current);
                    component = current;
                }
            }
        }
        return current;
    }

    public static synchronized void install(LatchkeyComponent installed) {
        component = installed;
    }

    public static LatchkeyComponent build(Config config, Clock clock) {
        return build(config, clock, SdkInterceptors.NONE);
    }

    public static LatchkeyComponent build(Config config, Clock clock, SdkInterceptors interceptors) {
        return DaggerLatchkeyComponent.builder().config(config).clock(clock).interceptors(interceptors).build();
    }
}
