package dev.latchkey.local.bench;

import dev.latchkey.crypto.Randomness;
import dev.latchkey.password.PasswordHasher;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Issue 4, item 4: what the password hash costs. Runs {@link PasswordHashBenchmark} with JMH in forked JVMs
 * twice, under Lambda's default {@code -XX:TieredStopAtLevel=1} (C1 only) and under the JVM's default tiered
 * compilation (C1 then C2), then times the first hashes in fresh JVMs under both, and renders the numbers as
 * a Markdown section with the sign-in latency they imply on Lambda at 1024 MB and 1769 MB.
 *
 * <p>About two and a half minutes on two cores. The forks inherit this JVM's {@code java.class.path}
 * (JMH's default), so run it from a JVM whose class path holds the local module and its dependencies:
 * {@code java -cp local/target/latchkey-local.jar:$(cat local/target/classpath.txt) ...}.
 */
public final class HashingBench {
    /** Lambda: 1 full vCPU at 1,769 MB; below that, CPU time in proportion to memory. */
    static final int FULL_VCPU_MB = 1769;
    static final int DEFAULT_MB = 1024;

    static final int FORKS = 1;
    static final int WARMUP_ITERATIONS = 2;
    static final int MEASUREMENT_ITERATIONS = 4;
    static final TimeValue ITERATION_TIME = TimeValue.seconds(2);
    /** Fresh JVMs per configuration for the first-call measurement. */
    static final int COLD_RUNS = 5;
    /** Hashes timed one by one in each fresh JVM: the first is the cold one. */
    static final int COLD_CALLS = 3;

    /** Flags common to every forked JVM: Lambda's Java runtimes use the serial collector. */
    static final List<String> COMMON_JVM_ARGS = List.of("-XX:+UseSerialGC", "-Xshare:auto");

    record Jit(String label, String shortLabel, List<String> flags) {
        String flagText() {
            return String.join(" ", flags);
        }
    }

    static final Jit C1 = new Jit("C1 only (Lambda's default)", "C1",
            List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
    static final Jit C2 = new Jit("C1 + C2 (JVM default tiered)", "C2",
            List.of("-XX:+TieredCompilation"));

    private HashingBench() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(run(System.err));
    }

    /** Runs everything (progress, including JMH's own output, goes to {@code progress}) and returns Markdown. */
    public static String run(PrintStream progress) throws Exception {
        long started = System.nanoTime();
        String cpu = cpuModel();
        progress.println("HashingBench: " + cpu + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));

        Map<Jit, List<Row>> steady = new LinkedHashMap<>();
        for (Jit jit : List.of(C1, C2)) {
            progress.println("HashingBench: steady state, " + jit.label() + ": " + jit.flagText());
            steady.put(jit, steadyState(jit, progress));
        }
        Map<Jit, List<double[]>> cold = new LinkedHashMap<>();
        for (Jit jit : List.of(C1, C2)) {
            progress.println("HashingBench: first calls in fresh JVMs, " + jit.label());
            cold.put(jit, coldRuns(jit, progress));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return render(cpu, steady, cold, seconds);
    }

    // ---------------------------------------------------------------- measurement

    record Row(String benchmark, int iterations, double mean, double error, double p50, double max, long samples) {
    }

    static List<Row> steadyState(Jit jit, PrintStream progress) throws Exception {
        List<String> jvmArgs = new ArrayList<>(COMMON_JVM_ARGS);
        jvmArgs.addAll(jit.flags());
        Options options = new OptionsBuilder()
                .include("^" + Pattern.quote(PasswordHashBenchmark.class.getName()) + "\\.(hash|verify)$")
                .forks(FORKS)
                .warmupIterations(WARMUP_ITERATIONS)
                .warmupTime(ITERATION_TIME)
                .measurementIterations(MEASUREMENT_ITERATIONS)
                .measurementTime(ITERATION_TIME)
                // replaces the host JVM's own flags, which JMH would otherwise hand down to the fork
                .jvmArgs(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results =
                new Runner(options, OutputFormatFactory.createFormatInstance(progress, VerboseMode.NORMAL)).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String method = result.getParams().getBenchmark();
            method = method.substring(method.lastIndexOf('.') + 1);
            int iterations = Integer.parseInt(result.getParams().getParam("iterations"));
            Statistics stats = result.getPrimaryResult().getStatistics();
            rows.add(new Row(method, iterations, result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError(), stats.getPercentile(50), stats.getMax(), stats.getN()));
        }
        // 600,000 first, then the below-minimum reference; hash before verify
        rows.sort((a, b) -> a.iterations() != b.iterations()
                ? Integer.compare(b.iterations(), a.iterations()) : a.benchmark().compareTo(b.benchmark()));
        return rows;
    }

    /**
     * {@link #COLD_RUNS} fresh JVMs, each timing {@link #COLD_CALLS} hashes at the chosen cost one after another.
     * Pinned to one CPU when {@code taskset} exists, as a 1769 MB Lambda has one vCPU: the JIT compiler threads
     * then compete with the hashing thread as they do there.
     */
    static List<double[]> coldRuns(Jit jit, PrintStream progress) throws IOException, InterruptedException {
        List<double[]> runs = new ArrayList<>();
        for (int run = 0; run < COLD_RUNS; run++) {
            List<String> command = new ArrayList<>();
            if (pinned()) {
                command.addAll(List.of("taskset", "-c", "0"));
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(COMMON_JVM_ARGS);
            command.addAll(jit.flags());
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdProbe.class.getName(),
                    PasswordHashBenchmark.CHOSEN, Integer.toString(COLD_CALLS)));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String result = null;
            StringBuilder output = new StringBuilder();
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    output.append(line).append('\n');
                    if (line.startsWith(ColdProbe.PREFIX)) {
                        result = line.substring(ColdProbe.PREFIX.length()).trim();
                    }
                }
            }
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0 || result == null) {
                throw new IllegalStateException("cold probe failed (" + jit.shortLabel() + "):\n" + output);
            }
            double[] millis = Arrays.stream(result.split(" ")).mapToDouble(Double::parseDouble).toArray();
            progress.printf(Locale.ROOT, "  run %d: %s ms%n", run + 1,
                    Arrays.stream(millis).mapToObj(HashingBench::ms).collect(Collectors.joining(", ")));
            runs.add(millis);
        }
        return runs;
    }

    static boolean pinned() {
        return Files.isExecutable(Path.of("/usr/bin/taskset")) || Files.isExecutable(Path.of("/bin/taskset"));
    }

    /** The child of {@link #coldRuns}: nothing hashes before the first timed call. */
    public static final class ColdProbe {
        static final String PREFIX = "COLD-HASH-MS ";

        private ColdProbe() {
        }

        public static void main(String[] args) {
            int iterations = Integer.parseInt(args[0]);
            int calls = Integer.parseInt(args[1]);
            // As in a handler's init: the hasher exists (its decoy is built without hashing) and the
            // random generator is seeded, so the timed call is the derivation plus provider lookup.
            PasswordHasher hasher = new PasswordHasher(iterations, new Randomness(new SecureRandom()));
            StringBuilder line = new StringBuilder(PREFIX);
            String last = null;
            for (int i = 0; i < calls; i++) {
                long start = System.nanoTime();
                last = hasher.hash(PasswordHashBenchmark.PASSWORD);
                line.append(String.format(Locale.ROOT, "%.3f ", (System.nanoTime() - start) / 1e6));
            }
            if (!hasher.verify(PasswordHashBenchmark.PASSWORD, last)) {
                throw new IllegalStateException("hash does not verify");
            }
            System.out.println(line.toString().trim());
        }
    }

    // ---------------------------------------------------------------- report

    static String render(String cpu, Map<Jit, List<Row>> steady, Map<Jit, List<double[]>> cold, double seconds) {
        StringBuilder md = new StringBuilder();
        md.append("### Password hashing cost\n\n");
        md.append(String.format(Locale.ROOT,
                "`PasswordHasher` (PBKDF2-HMAC-SHA256, 16-byte salt, 32-byte hash) measured with JMH %s, "
                        + "sample-time mode, on **%s** (%d CPUs, %s %s). Each configuration: %d fork, "
                        + "%d × %d s warm-up, %d × %d s measurement; every call is one sample. Error is JMH's 99.9%% "
                        + "confidence half-width. Forked JVMs run with `%s` plus the flags shown.%n%n",
                jmhVersion(), cpu, Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), FORKS, WARMUP_ITERATIONS, ITERATION_TIME.getTime(),
                MEASUREMENT_ITERATIONS, ITERATION_TIME.getTime(), String.join(" ", COMMON_JVM_ARGS)));

        md.append("| JIT (flags) | Operation | Iterations | Mean ± error (ms) | p50 (ms) | Max (ms) | Samples |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<Jit, List<Row>> entry : steady.entrySet()) {
            Jit jit = entry.getKey();
            for (Row row : entry.getValue()) {
                String iterations = String.format(Locale.ROOT, "%,d", row.iterations())
                        + (row.iterations() < 600_000 ? " (below OWASP minimum; reference only)" : " (chosen)");
                md.append(String.format(Locale.ROOT, "| %s (`%s`) | `%s` | %s | %s ± %s | %s | %s | %d |%n",
                        jit.label(), jit.flagText(), row.benchmark(), iterations, ms(row.mean()), ms(row.error()),
                        ms(row.p50()), ms(row.max()), row.samples()));
            }
        }

        // hash and verify do the same derivation: when their means part, something else was using the CPU
        for (Map.Entry<Jit, List<Row>> entry : steady.entrySet()) {
            Map<Integer, List<Row>> byCost = entry.getValue().stream().collect(Collectors.groupingBy(Row::iterations));
            byCost.forEach((iterations, rows) -> {
                double low = rows.stream().mapToDouble(Row::mean).min().orElse(0);
                double high = rows.stream().mapToDouble(Row::mean).max().orElse(0);
                if (rows.size() == 2 && high > low * 1.15) {
                    md.append(String.format(Locale.ROOT,
                            "%n**Noisy run:** under %s at %,d iterations `hash` and `verify` (the same derivation) "
                                    + "differ by %.0f%%; other processes were competing for this machine's cores. "
                                    + "The lower figure (%s ms) is the better estimate of the cost.%n",
                            entry.getKey().label(), iterations, (high / low - 1) * 100, ms(low)));
                }
            });
        }

        md.append(String.format(Locale.ROOT,
                "%nFirst calls in a fresh JVM at 600,000 iterations (%d JVMs per configuration, %s; median, "
                        + "with min–max): nothing hashed before the first call, so it pays provider lookup and "
                        + "starts in the interpreter until the JIT catches up.%n%n",
                COLD_RUNS, pinned() ? "each pinned to one CPU with `taskset -c 0`, as a 1769 MB Lambda has one vCPU"
                        : "not pinned: `taskset` was not found"));
        md.append("| JIT (flags) |");
        for (int call = 1; call <= COLD_CALLS; call++) {
            md.append(call == 1 ? " 1st hash (cold) (ms) |" : " " + ordinal(call) + " hash (ms) |");
        }
        md.append("\n|---|").append("---:|".repeat(COLD_CALLS)).append('\n');
        for (Map.Entry<Jit, List<double[]>> entry : cold.entrySet()) {
            md.append("| ").append(entry.getKey().label()).append(" (`").append(entry.getKey().flagText()).append("`) |");
            for (int call = 0; call < COLD_CALLS; call++) {
                double[] values = column(entry.getValue(), call);
                md.append(' ').append(ms(median(values))).append(" (").append(ms(values[0])).append('–')
                        .append(ms(values[values.length - 1])).append(") |");
            }
            md.append('\n');
        }

        double scale1024 = (double) FULL_VCPU_MB / DEFAULT_MB;
        md.append(String.format(Locale.ROOT,
                "%nSign-in latency at the chosen cost (600,000 iterations), estimated for Lambda. One `verify` per "
                        + "sign-in (a wrong email costs the same through the decoy); Signup, ChangePassword and "
                        + "ConfirmPasswordReset pay one `hash`, the same work. PBKDF2 is single-threaded, so at "
                        + "1769 MB (one full vCPU) a call takes about what one core takes here, and at 1024 MB, "
                        + "with CPU time in proportion to memory, about %.2f× that (1769/1024).%n%n", scale1024));
        md.append("| JIT | Call | This machine (ms) | Lambda 1769 MB (ms, est.) | Lambda 1024 MB (ms, est.) |\n");
        md.append("|---|---|---:|---:|---:|\n");
        for (Jit jit : steady.keySet()) {
            // hash and verify are the same derivation; the lower mean is the one less disturbed by other load
            double warm = steady.get(jit).stream().filter(r -> r.iterations() == 600_000)
                    .mapToDouble(Row::mean).min().orElseThrow();
            md.append(String.format(Locale.ROOT, "| %s | one derivation, warm (lower mean of `hash`, `verify`) "
                    + "| %s | %s | %s |%n", jit.label(), ms(warm), ms(warm), ms(warm * scale1024)));
        }
        for (Jit jit : cold.keySet()) {
            double first = median(column(cold.get(jit), 0));
            md.append(String.format(Locale.ROOT, "| %s | first hash in a fresh JVM (median) | %s | %s | %s |%n",
                    jit.label(), ms(first), ms(first), ms(first * scale1024)));
        }

        md.append(String.format(Locale.ROOT, """

                These Lambda figures are **estimates scaled from this machine's core** (%s), not \
                measurements on Lambda. Latchkey's functions are declared `arm64` in template.yaml (Graviton), whose \
                per-core SHA-256 speed differs; confirm with the functions' own duration metrics after deploying. \
                At 1024 MB the JIT compiler threads also share the fractional CPU, so first-call figures there are \
                a lower bound.

                Lambda's Java runtimes start the JVM with `-XX:TieredStopAtLevel=1` (the C1-only rows) unless \
                `JAVA_TOOL_OPTIONS` overrides it. AWS documents one exception for the `java25` runtime: with \
                SnapStart or provisioned concurrency it keeps the JVM's default tiered compilation (the C1 + C2 \
                rows). A version restored from a SnapStart snapshot hashes with whatever compiled code the \
                snapshot holds: warm-row speed if hashes ran during priming, first-call cost if none did.

                Wall time of this benchmark: %.0f s.
                """, cpu, seconds));
        return md.toString();
    }

    static double[] column(List<double[]> runs, int call) {
        return runs.stream().mapToDouble(r -> r[call]).sorted().toArray();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static String ordinal(int n) {
        return n + switch (n) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    static String ms(double millis) {
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }

    static String jmhVersion() {
        Package p = Runner.class.getPackage();
        String version = p == null ? null : p.getImplementationVersion();
        return version == null ? "1.37" : version;
    }

    /**
     * The CPU model from /proc/cpuinfo (Linux) with its family/model numbers, which identify the core when the
     * model name is as vague as a cloud host's ("AMD EPYC"); else os.arch.
     */
    static String cpuModel() {
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.isBlank()) {
                    break; // first processor only
                }
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        String arch = System.getProperty("os.arch");
        String name = fields.getOrDefault("model name", fields.get("CPU part"));
        if (name == null) {
            return arch;
        }
        String id = fields.containsKey("cpu family")
                ? "family " + fields.get("cpu family") + ", model " + fields.get("model") + ", "
                : "";
        String sha = fields.getOrDefault("flags", fields.getOrDefault("Features", "")).matches(".*\\b(sha_ni|sha2)\\b.*")
                ? ", SHA extensions" : "";
        return name + " (" + id + arch + sha + ")";
    }
}
