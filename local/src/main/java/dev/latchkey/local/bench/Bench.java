package dev.latchkey.local.bench;

import dev.latchkey.devkit.SamTemplate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./latchkey bench}: measures everything docs/performance.md reports and rewrites it. Each
 * section says the command that produced it; the whole report comes from this one command.
 */
public final class Bench {
    static final long JAR_LIMIT_BYTES = 20L * 1024 * 1024;
    private static final Set<String> SECTIONS = Set.of("coldstart", "capacity", "hashing", "latency");

    private Bench() {
    }

    public static int run(List<String> args) {
        int runs = 10;
        Path root = SamTemplate.locate().getParent();
        Path out = root.resolve("docs/performance.md");
        Set<String> only = new LinkedHashSet<>(List.of("coldstart", "capacity", "hashing", "latency"));
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--runs" -> runs = Integer.parseInt(args.get(++i));
                case "--out" -> out = Path.of(args.get(++i));
                case "--only" -> {
                    only = new LinkedHashSet<>(List.of(args.get(++i).split(",")));
                    if (!SECTIONS.containsAll(only)) {
                        System.err.println("latchkey bench: --only takes " + SECTIONS);
                        return 2;
                    }
                }
                default -> {
                    System.err.println("latchkey bench: unknown argument " + args.get(i));
                    return 2;
                }
            }
        }
        if (runs < 1) {
            System.err.println("latchkey bench: --runs must be at least 1");
            return 2;
        }
        PrintStream progress = System.err;
        try {
            String report = report(root, runs, only, progress) + kept(out);
            Files.writeString(out, report, StandardCharsets.UTF_8);
            System.out.println(report);
            progress.println("latchkey bench: wrote " + out);
            return 0;
        } catch (Exception e) {
            progress.println("latchkey bench: " + e);
            e.printStackTrace(progress);
            return 1;
        }
    }

    /** Sections measured by other commands (each names its own) live below this line and survive a rewrite. */
    static final String KEPT_MARKER = "<!-- below: measured by the commands each section names; ./latchkey bench keeps it -->";

    static String kept(Path out) throws java.io.IOException {
        if (!Files.exists(out)) {
            return "";
        }
        String existing = Files.readString(out, StandardCharsets.UTF_8);
        int at = existing.indexOf(KEPT_MARKER);
        return at < 0 ? "" : "\n" + existing.substring(at);
    }

    static String report(Path root, int runs, Set<String> only, PrintStream progress) throws Exception {
        Instant started = Instant.now();
        StringBuilder md = new StringBuilder();
        md.append("# Performance\n\n");
        md.append("Measured by `./latchkey bench` (this whole file; `--runs N`, `--only coldstart,capacity,hashing,latency`), on ")
                .append(DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(started)).append(", ")
                .append(machine()).append(", ").append(System.getProperty("java.vm.name")).append(' ')
                .append(Runtime.version()).append(". Numbers from a 2-core development machine: compare them with each other, "
                        + "not with Lambda's absolute timings.\n\n");

        md.append("""
                ## What keeps cold starts small

                - One Dagger component, generated at compile time and built once per JVM during init; no reflection-based
                  injection and no classpath scanning.
                - DynamoDB through the low-level `DynamoDbClient` only, items as attribute maps (`store/Item`,
                  `LatchkeyTable`, `Transaction`): the Enhanced Client, its table schemas and its extensions are not in the
                  jar (issue 9); request bodies read as JSON trees rather than bound to classes.
                - No JSON library of our own in the jar: `http/Json` reads and writes through Jackson's streaming core as the
                  AWS SDK ships it (`third-party-jackson-core`, loaded anyway for DynamoDB's JSON protocol) into a tree of
                  plain values. jackson-databind, with its 500-odd classes, is not in the jar: dropping it (and Powertools
                  metrics, which needed it) took GetMeFunction from 5,124 classes to 4,195 and its wall time from 1.43× the
                  floor to about 1.0× (issue 9).
                - SDK clients with explicit region, credentials provider and `UrlConnectionHttpClient`; no Apache or Netty
                  client in the jar; the SES client is built only by the functions that send mail.
                - A link base kept in SSM (the template's default without a domain) is read with one signed `GetParameter` through
                  SSM's JSON API (`config/ssm/SsmParameterStore`: the SDK's signer and HTTP client, already in the jar; about 15 KB
                  more jar instead of the SDK's `ssm` module), when a function builds its first mail link: never at init.
                - Every handler is a `RequestStreamHandler` that reads the HTTP API event and writes its response with
                  `Json` (`ApiGatewayEvents`, copied field by field from a JSON tree): Lambda's runtime builds no
                  serializers for event types at init.
                - One request is one invocation: authenticated handlers resolve the bearer token themselves (two consistent
                  reads: the credential, then the profile), so no Lambda authorizer starts or runs in front of them.
                - Few DynamoDB requests in a first response: in a C1-only JVM each request costs the SDK's request pipeline
                  run largely interpreted on top of its round trip (the "wall less DynamoDB wait" column grows with the
                  requests), so a request saved counts more at a cold start than its round trip. A refresh rotates the
                  session authentication read in the same request instead of reading it again, and an operation that answers or
                  checks the caller's profile takes the one authentication read (`Principal.profile`): GET /v1/me makes the
                  floor's two requests, and 17 other operations one request (and 1 RCU) fewer than before; the deletion preview lists
                  memberships, API keys and sessions with one query of the user's index partition (`UserListings`); the
                  clean-up reads the user's partition once, sends its unconditional deletes in `BatchWriteItem`s and deletes
                  an absent guard without a failed condition (an SDK exception's first occurrence is expensive in a cold JVM).
                - Logging through a small SLF4J 2 binding of our own (`dev.latchkey.functions.logging`, no configuration file to
                  parse): one JSON object per line on stdout, which Lambda's JSON log format keeps as it is. No Log4j: a fresh JVM
                  that writes one line loaded 2,160 classes after `main` and used 1.29 s of CPU with Log4j 2 and Powertools' JSON
                  layout, 217 classes and 0.18 s with this binding; GetMeFunction's init is about 0.7 s shorter (see Logging, below).
                - Metrics as CloudWatch embedded metric format lines written by `logging/Metrics` (one `Responses2xx`…`5xx`
                  count per response, namespace and service dimension as before), not Powertools' metrics module, which
                  serialises through aws-embedded-metrics and jackson-databind.
                - Init constructs the handler and nothing more: no priming without a snapshot, where it would only move
                  the first request's work into init. Before a SnapStart snapshot a CRaC `Resource` (`SnapStartHooks`)
                  primes: JSON reading and writing, problem responses, three decoy password verifications (so PBKDF2 is
                  compiled in the snapshot) and a read of a user that cannot exist (the SDK's request path); without AWS
                  it still completes, bounded to 3 s (`SnapStartHooksTest`). After restore it reseeds the random generator.
                - Password hashing is the one expensive step, and only in Signup, CreateSession, ChangePassword and
                  ConfirmPasswordReset: see below. On `java25` with SnapStart (as template.yaml deploys every function)
                  Lambda keeps the JVM's default tiered compilation, and the priming puts compiled PBKDF2 code into the
                  snapshot. The cold-start section measures the harsher case, a C1-only JVM without a snapshot, for every
                  function, and for a few of them also full tiering and an emulated restore (hooks run, then the first
                  request).

                """);
        Path jar = root.resolve("functions/target/latchkey-functions.jar");
        long size = Files.size(jar);
        md.append("## Deployment jar\n\n`functions/target/latchkey-functions.jar` (built by `./mvnw package`): ")
                .append(String.format(Locale.ROOT, "%.1f MB (%d bytes)", size / 1024.0 / 1024.0, size))
                .append(size < JAR_LIMIT_BYTES ? ", under the 20 MB budget" : ", **over the 20 MB budget**")
                .append(". No Apache or Netty HTTP client is in it (the SDK uses `UrlConnectionHttpClient`).\n\n");

        if (only.contains("coldstart")) {
            progress.println("== cold starts (" + runs + " runs per function)");
            md.append("## Cold start\n\nCommand: `./latchkey bench --only coldstart --runs ").append(runs).append("`.\n\n");
            md.append(ColdStartBench.run(runs, progress)).append("\n");
        }
        if (only.contains("capacity")) {
            progress.println("== request units");
            md.append("## Request units per operation\n\nCommand: `./latchkey bench --only capacity` (also checked on every build by "
                    + "`CapacityBenchTest`, which fails when an operation costs more than its minimum). Each operation runs once "
                    + "through the services its handler calls, against DynamoDB Local with `ReturnConsumedCapacity=TOTAL`; "
                    + "items are well under 1 KB, so a write is 1 unit per item and per index entry, a consistent read 1, "
                    + "an eventually consistent read or query 0.5. DynamoDB Local does not charge transactions the way AWS does "
                    + "(AWS: 2 write units per item and index entry), so the AWS figure is given in the reason column.\n\n");
            md.append(CapacityBench.table(CapacityBench.measure(progress))).append("\n");
        }
        if (only.contains("hashing")) {
            progress.println("== password hashing (JMH)");
            md.append("## Password hashing\n\nCommand: `./latchkey bench --only hashing`.\n\n");
            md.append(HashingBench.run(progress)).append("\n");
            md.append("""
                    **Chosen:** PBKDF2-HMAC-SHA256 at 600,000 iterations, OWASP's minimum for that algorithm (the JDK's own
                    implementation: no extra jar, no native code). As deployed (java25 with SnapStart, PBKDF2 compiled before the
                    snapshot) a sign-in costs about one warm C1 + C2 derivation: roughly 0.13 s at 1769 MB and 0.22 s at 1024 MB by
                    the estimate above. A function invoked without its snapshot (`$LATEST`, or another runtime) falls back to C1
                    only: about 1.1 s at 1769 MB and 2 s at 1024 MB, which is why the functions that hash must stay on their
                    SnapStart alias. Raising the iteration count later needs no migration: the PHC string carries it, and
                    `PasswordHasher.needsRehash` tells when a stored hash is below the current cost.

                    """);
        }
        if (only.contains("latency")) {
            progress.println("== dev-server latency (wrk)");
            LatencyBench.Result single = LatencyBench.measure(10, 1, progress);
            LatencyBench.Result loaded = LatencyBench.measure(15, 16, progress);
            md.append("## Dev-server latency\n\nCommand: `./latchkey bench --only latency`, which runs the dev server (the code behind "
                    + "`./latchkey serve`: API Gateway emulation, the real handlers, DynamoDB Local) and loads it from "
                    + "a second process: `").append(loaded.command()).append("` (").append(loaded.wrkVersion())
                    .append("), each run after a 5-second warm-up; once with one connection (the latency of a request on its own) "
                            + "and once with 16 (wrk, the server and DynamoDB Local then share the 2 cores). Each request is one "
                            + "handler call that authenticates the token (one DynamoDB Local read) and reads the profile (another).\n\n");
            md.append(LatencyBench.markdown(List.of("1 connection", "16 connections"), List.of(single, loaded)));
            md.append("\n`sam local start-api` starts a container per request (or keeps one warm per function with "
                    + "`--warm-containers`) and is commonly reported at 1–4 s per request; it needs Docker, which these machines "
                    + "do not have, so it was not measured here.\n\n");
        }
        md.append("Whole report: ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s.\n");
        return md.toString();
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: leave it unknown
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + ")";
    }
}
