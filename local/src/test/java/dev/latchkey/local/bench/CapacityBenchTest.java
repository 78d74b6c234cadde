package dev.latchkey.local.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Keeps request units measured: an operation that starts costing more than its documented minimum fails here. */
class CapacityBenchTest {

    @Test
    @DisplayName("case=every operation consumes exactly its documented minimum")
    void everyOperationAtItsMinimum() {
        List<CapacityBench.Row> rows = CapacityBench.measure(new PrintStream(OutputStream.nullOutputStream()));
        assertThat(rows).hasSize(CapacityBench.MINIMUMS.size());
        assertThat(rows).allSatisfy(row -> assertThat(row.atMinimum())
                .as("%s: measured %s RCU / %s WCU (%s), minimum %s", row.operation(), row.rcu(), row.wcu(), row.requests(), row.minimum())
                .isTrue());
        // the profile the authentication of the same request read is the answer: no read of its own
        assertThat(CapacityBench.table(rows)).contains("| GET /v1/me |  | 0 | 0 | 0 / 0 | yes |")
                .contains("| Authorizer (session, used within the minute) | GetItem 1.0 RCU, GetItem 1.0 RCU | 2 | 0 | 2 / 0 | yes |");
    }
}
