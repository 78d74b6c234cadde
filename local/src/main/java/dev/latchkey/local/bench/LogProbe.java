package dev.latchkey.local.bench;

import java.lang.management.ManagementFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start-up bill of logging alone: a fresh JVM that writes one INFO line through SLF4J, as HttpHandler does
 * after its first response, and nothing else. Stdout carries that line; stderr one JSON object with
 * {@code mainMs} (JVM start to {@code main}) and {@code firstLineMs} (JVM start to the line written).
 *
 * <p>Uses SLF4J and the JDK only, so the same class runs against any deployment jar, the binding being whatever
 * that jar registers (docs/performance.md, "Logging"):
 * {@code java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Xshare:auto -XX:+UseSerialGC -Xmx870m
 * -cp functions/target/latchkey-functions.jar:local/target/classes dev.latchkey.local.bench.LogProbe}.
 */
public final class LogProbe {

    private LogProbe() {
    }

    public static void main(String[] args) {
        long mainEpochMs = System.currentTimeMillis();
        long mainNanos = System.nanoTime();
        Logger log = LoggerFactory.getLogger("dev.latchkey.functions.http.HttpHandler");
        log.info("{} {} -> {}", "GET", "/v1/me", 200);
        long loggedNanos = System.nanoTime();
        // read after the line, so loading the management classes stays out of the measured window
        long jvmStartEpochMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainMs = mainEpochMs - jvmStartEpochMs;
        System.err.println("{\"mainMs\":" + mainMs + ",\"firstLineMs\":"
                + Math.round(mainMs + (loggedNanos - mainNanos) / 1e6) + "}");
        System.exit(0);
    }
}
