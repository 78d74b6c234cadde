package dev.latchkey.password;

/**
 * Prints what the first {@code new PasswordPolicy()} costs in a fresh JVM: wall time (reading the filter,
 * after a first {@code normalize} has loaded the class and NFKC's data), the first and second {@code check},
 * and the heap it keeps (used heap after a full GC, before and after). Not a test: run one JVM per
 * measurement, with Lambda's flags, e.g.
 *
 * <pre>{@code
 * ./mvnw -B -ntp -q -pl shared test-compile
 * java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -Xshare:auto -XX:+UseSerialGC -Xmx870m \
 *     -cp shared/target/classes:shared/target/test-classes dev.latchkey.password.PasswordPolicyLoadProbe
 * }</pre>
 *
 * Uses only {@code normalize}, {@code new PasswordPolicy()} and {@code check(String, String)}, so it runs
 * against earlier versions of the class too.
 */
public final class PasswordPolicyLoadProbe {
    private PasswordPolicyLoadProbe() {
    }

    public static void main(String[] args) {
        Runtime runtime = Runtime.getRuntime();
        // NFKC's data and the class itself, which every function that reads a password loads anyway
        long n0 = System.nanoTime();
        String normalized = PasswordPolicy.normalize("velvet orbit cactus mirage 41");
        long n1 = System.nanoTime();
        long before = usedAfterGc(runtime);
        long t0 = System.nanoTime();
        PasswordPolicy policy = new PasswordPolicy();
        long t1 = System.nanoTime();
        policy.check("password", normalized);
        long t2 = System.nanoTime();
        policy.check("password", "another fine passphrase 7");
        long t3 = System.nanoTime();
        long after = usedAfterGc(runtime);
        System.out.printf("normalize_ms=%.2f construct_ms=%.2f first_check_ms=%.3f second_check_ms=%.3f"
                        + " retained_heap_bytes=%d%n",
                (n1 - n0) / 1e6, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6, after - before);
        if (policy.hashCode() == 42) {
            System.out.print(""); // keep policy reachable until after the second measurement
        }
    }

    private static long usedAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
