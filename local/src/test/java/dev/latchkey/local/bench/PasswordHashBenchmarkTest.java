package dev.latchkey.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

/** The benchmark is wired (JMH's annotation processor ran over it and listed it), checked without running it. */
class PasswordHashBenchmarkTest {

    @Test
    void jmhBenchmarkListOnTheClassPathListsHashAndVerify() throws IOException {
        List<URL> resources = Collections.list(
                getClass().getClassLoader().getResources(BenchmarkList.BENCHMARK_LIST.substring(1)));
        assertThat(resources).as("%s on the class path", BenchmarkList.BENCHMARK_LIST).isNotEmpty();

        List<BenchmarkListEntry> entries = new ArrayList<>();
        for (URL url : resources) {
            try (InputStream in = url.openStream()) {
                entries.addAll(BenchmarkList.readBenchmarkList(in));
            }
        }
        String name = PasswordHashBenchmark.class.getName();
        assertThat(entries)
                .filteredOn(e -> e.getUserClassQName().equals(name))
                .extracting(BenchmarkListEntry::getUsername)
                .contains(name + ".hash", name + ".verify");
        assertThat(entries)
                .filteredOn(e -> e.getUserClassQName().equals(name))
                .allSatisfy(e -> assertThat(e.getMode()).isEqualTo(Mode.SampleTime));
    }

    @Test
    void generatedStubsAreOnTheClassPath() throws ClassNotFoundException {
        // JMH's generator writes one class per benchmark method into a jmh_generated subpackage.
        assertThat(Class.forName("dev.latchkey.local.bench.jmh_generated.PasswordHashBenchmark_hash_jmhTest")).isNotNull();
        assertThat(Class.forName("dev.latchkey.local.bench.jmh_generated.PasswordHashBenchmark_verify_jmhTest")).isNotNull();
    }

    @Test
    void theChosenCostIsOwaspsMinimumAndTheReferenceIsBelowIt() {
        assertThat(Integer.parseInt(PasswordHashBenchmark.CHOSEN)).isEqualTo(600_000);
        assertThat(Integer.parseInt(PasswordHashBenchmark.BELOW_MINIMUM_REFERENCE)).isLessThan(600_000);
    }
}
