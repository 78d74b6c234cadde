package dev.latchkey.functions;

import dev.latchkey.account.Account;
import dev.latchkey.error.DomainError;
import dev.latchkey.functions.http.RequestBody;
import dev.latchkey.functions.http.Responses;
import dev.latchkey.functions.http.Views;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the request path once before a SnapStart snapshot, so restored instances start with its
 * classes loaded and initialised: JSON parsing and writing, problem responses, and one harmless
 * DynamoDB read (a user that cannot exist). Without AWS (no credentials, no network) the read fails
 * quickly and priming still completes; it never takes longer than {@link #DYNAMODB_BUDGET}.
 */
final class Priming {
    static final Duration DYNAMODB_BUDGET = Duration.ofSeconds(3);
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private Priming() {
    }

    /** The part without I/O: JSON reading and writing and problem responses. */
    static void warmUp() {
        RequestBody body = RequestBody.parse("{\"email\":\"priming@latchkey.invalid\",\"password\":\"priming password\"}", false,
                Set.of("email", "password"));
        body.requiredString("email", 320);
        Account sample = new Account("usr_priming", "priming@latchkey.invalid", "priming@latchkey.invalid", true, null, null,
                false, Instant.EPOCH, null, 0);
        Responses.json(200, Views.profile(sample));
        Responses.problem(DomainError.invalidField("email", "priming"));
    }

    /** Hash verifications before a snapshot: enough for the JIT to compile PBKDF2, so restored instances hash at full speed. */
    static final int HASHES = 3;

    /**
     * Before a snapshot: {@link #warmUp}, {@link #HASHES} decoy password verifications, and one
     * harmless DynamoDB read. Returns whether the read went through.
     */
    static boolean prime(LatchkeyComponent component) {
        warmUp();
        for (int i = 0; i < HASHES; i++) {
            component.passwordHasher().verifyDecoy("priming password " + i);
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    component.readingProfile().profile("usr_priming");
                    return true;
                } catch (DomainError expected) {
                    return true;
                }
            }).get(DYNAMODB_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.warn("priming could not reach DynamoDB ({}); the snapshot is taken without it", e.getClass().getSimpleName());
            return false;
        }
    }
}
