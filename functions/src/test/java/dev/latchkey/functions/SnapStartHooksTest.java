package dev.latchkey.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.latchkey.config.Config;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.functions.wiring.SdkInterceptors;
import dev.latchkey.devkit.CapacityRecorder;
import dev.latchkey.testing.TestConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SnapStartHooksTest {

    @Test
    @DisplayName("case=beforeCheckpoint completes without AWS: no credentials, nothing listening, within its budget")
    void primesWithoutAws() {
        Config nowhere = new Config("latchkey", "us-east-1", Optional.empty(), Config.MailTransport.OUTBOX, Optional.empty(),
                "no-reply@latchkey.test", URI.create("https://app.latchkey.test"), 1_000, Duration.ofDays(7), Duration.ofHours(24));
        SnapStartHooks hooks = new SnapStartHooks(Wiring.build(nowhere, Clock.systemUTC()));
        long started = System.nanoTime();
        assertThatCode(() -> hooks.beforeCheckpoint(null)).doesNotThrowAnyException();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Priming.DYNAMODB_BUDGET.plusSeconds(2));
        assertThatCode(() -> hooks.afterRestore(null)).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("case=with DynamoDB reachable, priming hashes a few decoys, makes exactly one read and writes nothing")
    void primesOneRead() {
        DynamoDbLocal dynamo = DynamoDbLocal.shared();
        CapacityRecorder recorder = new CapacityRecorder();
        LatchkeyComponent component = Wiring.build(TestConfig.forTable(dynamo.endpoint(), dynamo.createUniqueTable("priming")),
                Clock.systemUTC(), new SdkInterceptors(List.of(recorder)));
        long hashes = component.passwordHasher().derivations();
        assertThat(Priming.prime(component)).isTrue();
        assertThat(recorder.drain()).extracting(CapacityRecorder.Request::operation).containsExactly("GetItem");
        assertThat(component.passwordHasher().derivations() - hashes).isEqualTo(Priming.HASHES);
    }

    @Test
    @DisplayName("case=after a restore the random generator is a new one")
    void reseeds() {
        DynamoDbLocal dynamo = DynamoDbLocal.shared();
        LatchkeyComponent component = Wiring.build(TestConfig.forTable(dynamo.endpoint(), "unused"), Clock.systemUTC());
        assertThat(component.randomness().generation()).isZero();
        new SnapStartHooks(component).afterRestore(null);
        assertThat(component.randomness().generation()).isEqualTo(1);
        assertThat(component.randomness().base62(8)).hasSize(8);
    }
}
