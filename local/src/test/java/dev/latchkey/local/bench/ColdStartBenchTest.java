package dev.latchkey.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.latchkey.devkit.SamTemplate;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cold-start harness end to end on one function: fresh JVMs on the shaded jar and on the floor's own jar. */
class ColdStartBenchTest {
    private static final String C1 = "### C1 only";
    private static final String FULL_TIERING = "### C1 + C2";
    private static final String RESTORED = "### Restored";
    private static final List<String> PROCESS_COLUMNS = List.of("Init ms", "First response ms", "Process wall ms",
            "Process CPU ms", "Peak RSS MB", "Classes loaded", "DynamoDB requests", "DynamoDB wait ms",
            "Wall less DynamoDB wait ms");
    /** What the floor must not carry: our own dependencies' start-up would hide in the floor. */
    private static final List<String> NOT_IN_FLOOR = List.of("log4j", "powertools", "jackson-databind",
            "aws-lambda-java-serialization", "aws-lambda-java-events");

    @Test
    @DisplayName("case=--runs 1: GetMe and the floor cold-start with C1 only, with C1 + C2 and restored, and every column is filled")
    void getMeAndFloor() throws Exception {
        Path root = SamTemplate.locate().getParent();
        Path jar = root.resolve("functions/target/latchkey-functions.jar");
        if (!Files.isRegularFile(jar)) {
            fail(jar + " is missing: build it first (./mvnw -o install -DskipTests, or ./mvnw verify from the root)");
        }
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        String markdown = ColdStartBench.run(1, new PrintStream(progress, true, StandardCharsets.UTF_8),
                "GetMeFunction"::equals);
        String log = progress.toString(StandardCharsets.UTF_8);

        assertThat(markdown).as(log).contains("**Rough:** 1 run per row");
        assertThat(markdown).doesNotContain("\n# ").doesNotContain("\n## ");
        for (String section : List.of(C1, FULL_TIERING)) {
            String table = section(markdown, section);
            assertThat(header(table)).as(section).containsAll(PROCESS_COLUMNS);
            String main = table.contains("\n#### ") ? table.substring(0, table.indexOf("\n#### ")) : table;
            assertThat(main.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Function"))).as(section).hasSize(2);
            for (String row : List.of("GetMeFunction", ColdStartBench.FLOOR_ROW)) {
                String line = row(table, row);
                assertThat(line).as(section).contains("| 200 |");
                for (String column : PROCESS_COLUMNS) {
                    assertThat(figure(table, line, column)).as(section + " " + row + " " + column).isPositive();
                }
            }
            assertThat(row(table, ColdStartBench.FLOOR_ROW)).as(section).contains("· 1.00×");
            // counted by the interceptor in each child: the floor reads the session, then the profile; so does GetMe (the
            // session, then the profile that authentication reads and GetMe answers with)
            for (String row : List.of("GetMeFunction", ColdStartBench.FLOOR_ROW)) {
                String line = row(table, row);
                assertThat(figure(table, line, "DynamoDB requests")).as(section + " " + row).isEqualTo(2);
                assertThat(figure(table, line, "DynamoDB wait ms")).as(section + " " + row)
                        .isLessThan(figure(table, line, "First response ms"));
                assertThat(figure(table, line, "Wall less DynamoDB wait ms")).as(section + " " + row)
                        .isLessThan(figure(table, line, "Process wall ms"));
            }
        }

        // right after GetMe, the floor made GetMe's requests: GetMe against it is 1.00× GetMe's own figure
        String sameRequests = section(markdown, "#### Each function against the floor making the same DynamoDB requests");
        String getMeAgainstItsFloor = row(sameRequests, "GetMeFunction");
        // (the session, its lastSeenAt when the seeding was more than a minute before, the profile)
        assertThat(getMeAgainstItsFloor).containsPattern("\\| (GetItem ×2|GetItem, UpdateItem, GetItem) \\|")
                .contains("| 1.00× |").endsWith("| — |");
        assertThat(log).containsPattern("same requests +floor as GetMeFunction .*; 200");

        String restored = section(markdown, RESTORED);
        assertThat(header(restored)).contains("beforeCheckpoint hooks ms", "Restored first response ms");
        String getMe = row(restored, "GetMeFunction");
        assertThat(getMe).contains("| 200 |");
        assertThat(figure(restored, getMe, "Restored first response ms")).isPositive();
        // the function's own SnapStart hooks ran (priming hashes passwords: never under a millisecond)
        assertThat(figure(restored, getMe, "beforeCheckpoint hooks ms")).isGreaterThan(1);
        assertThat(log).containsPattern("restored +GetMeFunction .*hooks .*\\([1-9][0-9]*\\)");
        assertThat(figure(restored, row(restored, ColdStartBench.FLOOR_ROW), "Restored first response ms")).isPositive();

        // the floor's class path, printed and reported: its own jar, nothing of ours
        assertThat(log).contains("the floor's class path is ").contains(ColdStartBench.FloorJar.NAME);
        String floorLine = log.lines().filter(l -> l.contains("the floor's class path is")).findFirst().orElseThrow();
        assertThat(floorLine).contains("dynamodb-", "url-connection-client-", "aws-lambda-java-core-", "slf4j-nop-");
        NOT_IN_FLOOR.forEach(name -> assertThat(floorLine).doesNotContain(name));
        assertThat(markdown).contains("`" + ColdStartBench.FloorJar.NAME + "`");
    }

    @Test
    @DisplayName("case=the floor's jar holds BaselineRunner and a raw DynamoDB client, without Log4j, Powertools, Jackson databind or event serializers")
    void floorJarIsMinimal(@TempDir Path dir) throws Exception {
        Path root = SamTemplate.locate().getParent();
        ColdStartBench.FloorJar floor = ColdStartBench.FloorJar.build(dir.resolve("floor.jar"), ColdStartBench.floorLib(root));

        assertThat(floor.sources()).isNotEmpty();
        for (Path source : floor.sources()) {
            NOT_IN_FLOOR.forEach(name -> assertThat(source.getFileName().toString()).doesNotContain(name));
        }
        try (JarFile jar = new JarFile(floor.jar().toFile())) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();
            assertThat(entries).contains(
                    "dev/latchkey/local/bench/BaselineRunner.class",
                    "dev/latchkey/local/bench/BaselineRunner$Handler.class",
                    "dev/latchkey/devkit/LambdaContext.class",
                    "software/amazon/awssdk/services/dynamodb/DynamoDbClient.class",
                    "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class",
                    "com/amazonaws/services/lambda/runtime/RequestStreamHandler.class",
                    "org/slf4j/nop/NOPServiceProvider.class");
            assertThat(entries).noneMatch(e -> e.startsWith("org/apache/logging/")
                    || e.startsWith("software/amazon/lambda/powertools/")
                    || e.startsWith("com/fasterxml/jackson/databind/")
                    || e.startsWith("com/amazonaws/services/lambda/runtime/serialization/")
                    || e.startsWith("com/amazonaws/services/lambda/runtime/events/")
                    || e.startsWith("dev/latchkey/") && !e.startsWith("dev/latchkey/local/bench/BaselineRunner")
                            && !e.startsWith("dev/latchkey/devkit/LambdaContext") && !e.equals("dev/latchkey/local/bench/DynamoWait.class"));
            // the interceptor that counts the first response's DynamoDB requests, registered as in the runners' directory
            assertThat(new String(jar.getInputStream(jar.getEntry(DynamoWait.REGISTRATION)).readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo(DynamoWait.class.getName() + "\n");
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/org.slf4j.spi.SLF4JServiceProvider"))
                    .readAllBytes(), StandardCharsets.UTF_8)).contains("org.slf4j.nop.NOPServiceProvider");
            assertThat(entries.stream().filter(e -> e.endsWith(".class")).count()).isEqualTo(floor.classFiles());
        }
        assertThat(floor.bytes()).isEqualTo(Files.size(floor.jar()));
    }

    @Test
    @DisplayName("case=against GetMe: each round's figure ÷ GetMe's in that round, median (min–max) over the rounds")
    void againstGetMeIsPairedByRound() {
        java.util.Map<String, List<ColdStartBench.Sample>> c1 = new java.util.LinkedHashMap<>();
        c1.put("GetMeFunction", List.of(sample(100, 40, 10), sample(200, 80, 20), sample(100, 40, 10)));
        c1.put("XFunction", List.of(sample(110, 40, 10), sample(180, 100, 30), sample(104, 50, 4)));
        c1.put("Floor: raw DynamoDbClient GetItem", List.of(sample(90, 30, 5), sample(90, 30, 5), sample(90, 30, 5)));
        String md = ColdStartBench.againstGetMe(c1);
        // wall 1.10, 0.90, 1.04; init 1.00, 1.25, 1.25; less wait 100/90, 150/180, 100/90
        assertThat(md).contains("| XFunction | 1.04× (0.90–1.10) | 1.25× (1.00–1.25) | 1.11× (0.83–1.11) |");
        assertThat(md).doesNotContain("| GetMeFunction |").doesNotContain("| Floor");
        assertThat(ColdStartBench.againstGetMe(java.util.Map.of("XFunction", List.of(sample(1, 1, 0))))).isEmpty();
    }

    private static ColdStartBench.Sample sample(double wallMs, double initMs, double dynamoWaitMs) {
        return new ColdStartBench.Sample("200", initMs, initMs, 0, 0, 0, 0, 0, 0, 0, wallMs, wallMs, 100, 4000, 3, dynamoWaitMs,
                "GetItem,GetItem,GetItem");
    }

    @Test
    @DisplayName("case=against the floor with the same requests: each round's figure ÷ that floor's, then ÷ GetMe's; password hashing set apart")
    void againstSameRequestsIsPairedByRound() {
        java.util.Map<String, List<ColdStartBench.Sample>> c1 = new java.util.LinkedHashMap<>();
        c1.put("GetMeFunction", List.of(sample(100, 40, 10), sample(200, 80, 20), sample(100, 40, 10)));
        c1.put("XFunction", List.of(sample(130, 40, 30), sample(240, 80, 40), sample(150, 50, 30)));
        c1.put("YFunction", List.of(sample(150, 40, 10), sample(300, 80, 20), sample(150, 40, 10)));
        c1.put("CreateSessionFunction", List.of(sample(900, 40, 10), sample(900, 80, 20), sample(900, 40, 10)));
        c1.put(ColdStartBench.FLOOR_ROW, List.of(sample(90, 30, 5), sample(90, 30, 5), sample(90, 30, 5)));
        java.util.Map<String, List<ColdStartBench.Sample>> floors = new java.util.LinkedHashMap<>();
        floors.put("GetMeFunction", List.of(sample(80, 30, 10), sample(160, 30, 20), sample(80, 30, 10)));
        floors.put("XFunction", List.of(sample(100, 30, 30), sample(200, 30, 40), sample(125, 30, 30)));
        floors.put("YFunction", List.of(sample(100, 30, 10), sample(200, 30, 20), sample(100, 30, 10)));
        floors.put("CreateSessionFunction", List.of(sample(100, 30, 10), sample(100, 30, 10), sample(100, 30, 10)));
        String md = ColdStartBench.againstSameRequests(c1, floors);
        // GetMe: 1.25 each round (less wait: 90/70, 180/140); X: 1.30, 1.20, 1.20 → 1.20, ÷ 1.25 = 0.96;
        // less wait 100/70, 200/160, 120/95 → 1.26 (1.25–1.43), ÷ 1.29 = 0.98; Y: 1.50 → 1.20× GetMe's
        assertThat(md).contains("| GetMeFunction | GetItem ×3 | 100 / 80 | 1.25× (1.25–1.25) | 1.00× | 1.29× (1.29–1.29) | 1.00× | — |");
        assertThat(md).contains("| XFunction | GetItem ×3 | 150 / 125 | 1.20× (1.20–1.30) | 0.96× | 1.26× (1.25–1.43) | 0.98× | yes |");
        assertThat(md).contains("| YFunction | GetItem ×3 | 150 / 100 | 1.50× (1.50–1.50) | 1.20× | 1.56× (1.56–1.56) | 1.21× | **no** |");
        assertThat(md).contains("| CreateSessionFunction |").contains("| hashes a password |");
        assertThat(md).doesNotContain("| Floor");
        assertThat(ColdStartBench.againstSameRequests(c1, java.util.Map.of())).isEmpty();
    }

    @Test
    @DisplayName("case=a first response's requests summed up in order: repeats counted, transactions and batches by their items")
    void requestSummary() {
        assertThat(ColdStartBench.requestSummary("GetItem,GetItem,Query,TransactWriteItems:PUDC,GetItem,BatchGetItem:1"))
                .isEqualTo("GetItem ×2, Query, TransactWriteItems (4 items), GetItem, BatchGetItem (1 item)");
        assertThat(ColdStartBench.requestSummary("")).isEqualTo("none");
    }

    @Test
    @DisplayName("case=--runs takes 1 and up")
    void runs() {
        ColdStartBench.checkRuns(1);
        ColdStartBench.checkRuns(3);
        assertThatThrownBy(() -> ColdStartBench.checkRuns(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("case=event files follow the function's logical id")
    void eventFileNames() {
        assertThat(ColdStartBench.Events.fileName("GetMeFunction")).isEqualTo("get-me.json");
        assertThat(ColdStartBench.Events.fileName("RequestPasswordResetFunction")).isEqualTo("request-password-reset.json");
        assertThat(ColdStartBench.Events.fileName("AuthorizerFunction")).isEqualTo("authorizer.json");
    }

    @Test
    @DisplayName("case=the heap is 85% of the function's memory, with Lambda's JIT flags; full tiering drops TieredStopAtLevel")
    void flags() {
        assertThat(ColdStartBench.jvmFlags(1024)).contains("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx870m");
        assertThat(ColdStartBench.jvmFlags(ColdStartBench.Variant.FULL_TIERING, 1024))
                .contains("-XX:+TieredCompilation", "-XX:+UseSerialGC", "-Xmx870m")
                .noneMatch(flag -> flag.startsWith("-XX:TieredStopAtLevel"));
        assertThat(ColdStartBench.jvmFlags(ColdStartBench.Variant.RESTORED, 1024))
                .contains("-Dorg.crac.Core.Compat=dev.latchkey.local.bench.crac")
                .noneMatch(flag -> flag.startsWith("-XX:TieredStopAtLevel"));
    }

    /** From the section's heading to the next heading. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        assertThat(start).as("no section " + heading + " in\n" + markdown).isNotNegative();
        int end = markdown.indexOf("\n### ", start + heading.length());
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static List<String> header(String table) {
        return cells(table.lines().filter(l -> l.startsWith("| Function |")).findFirst().orElseThrow());
    }

    private static String row(String table, String name) {
        return table.lines().filter(l -> l.startsWith("| " + name + " |")).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in\n" + table));
    }

    /** The median of a "median (min–max) · ratio×" cell. */
    private static double figure(String table, String row, String column) {
        String cell = cells(row).get(header(table).indexOf(column));
        assertThat(cell).as(column).matches("[0-9.]+ \\([0-9.]+–[0-9.]+\\) · ([0-9.]+×|—)");
        return Double.parseDouble(cell.substring(0, cell.indexOf(' ')));
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.substring(1, line.length() - 1).split("\\|")).map(String::strip).toList();
    }
}
