package dev.latchkey.password;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.session.SignedIn;
import dev.latchkey.error.DomainError;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.TableScan;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;

/**
 * A password change or reset ends every session of the old password, whatever races it: a client
 * refreshing its token in a loop, and another signing in with the old password, while the change
 * commits. Repeated, because the losing interleavings are rare (the review saw 2 in 25 before the
 * credential epoch existed).
 */
class NoSessionOutlivesPasswordTest {
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.30", "curl/8.5.0");
    private static final String NEW_PASSWORD = "an entirely new passphrase";
    private static final AtomicInteger ACCOUNTS = new AtomicInteger();
    private static Domain domain;

    @BeforeAll
    static void table() {
        domain = new Domain("nosurvivor");
    }

    @RepeatedTest(25)
    @DisplayName("race=no token issued before a reset works after it, with a refresh loop and a sign-in loop running")
    void reset() throws Exception {
        String email = "reset-race-" + ACCOUNTS.incrementAndGet() + "@example.com";
        SignedIn account = Accounts.create(domain, email, CLIENT);
        domain.resettingPassword.request(email, "192.0.2." + ACCOUNTS.get() % 250);
        String link = Mail.token(domain.outbox.messages().stream().filter(m -> m.to().equals(email)).toList().getLast());
        assertNothingSurvives(account, email, () -> domain.resettingPassword.confirm(link, NEW_PASSWORD, null));
    }

    @RepeatedTest(25)
    @DisplayName("race=no token but the caller's new one works after a change, with a refresh loop and a sign-in loop running")
    void change() throws Exception {
        String email = "change-race-" + ACCOUNTS.incrementAndGet() + "@example.com";
        SignedIn account = Accounts.create(domain, email, CLIENT);
        String caller = domain.signingIn.signIn(email, Accounts.PASSWORD, CLIENT).session().token();
        Principal principal = domain.authenticating.authenticate("Bearer " + caller).orElseThrow();
        AtomicReference<String> renewed = new AtomicReference<>();
        List<String> before = assertNothingSurvives(account, email,
                () -> renewed.set(domain.changingPassword.change(principal, Accounts.PASSWORD, NEW_PASSWORD, CLIENT).token()));
        assertThat(before).doesNotContain(renewed.get());
        assertThat(domain.authenticating.authenticate("Bearer " + caller)).isEmpty();
        assertThat(domain.authenticating.authenticate("Bearer " + renewed.get())).isPresent();
    }

    /** Runs {@code passwordMove} against the loops; returns every token of the old password the loops got. */
    private static List<String> assertNothingSurvives(SignedIn account, String email, Runnable passwordMove) throws Exception {
        ConcurrentLinkedQueue<String> issued = new ConcurrentLinkedQueue<>(List.of(account.session().token()));
        AtomicBoolean moved = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(4); // each loop counts down twice: started, and one round done
        Thread refresher = Thread.ofPlatform().start(() -> {
            String token = account.session().token();
            running.countDown();
            for (int i = 0; i < 200 && !moved.get(); i++) {
                Optional<Principal> principal = domain.authenticating.authenticate("Bearer " + token);
                if (principal.isEmpty()) {
                    return;
                }
                try {
                    token = domain.managingSessions.refresh(principal.get(), "Bearer " + token).token();
                    issued.add(token);
                } catch (DomainError ended) {
                    return;
                } finally {
                    if (i == 0) {
                        running.countDown();
                    }
                }
            }
        });
        Thread signer = Thread.ofPlatform().start(() -> {
            running.countDown();
            for (int i = 0; i < 200 && !moved.get(); i++) {
                try {
                    issued.add(domain.signingIn.signIn(email, Accounts.PASSWORD, CLIENT).session().token());
                } catch (DomainError changed) {
                    return;
                } finally {
                    if (i == 0) {
                        running.countDown();
                    }
                }
            }
        });
        running.await(); // both loops are under way: the move races their next rounds
        passwordMove.run();
        moved.set(true);
        refresher.join();
        signer.join();

        for (String token : issued) {
            assertThat(domain.authenticating.authenticate("Bearer " + token)).as("a token of the old password still works").isEmpty();
        }
        long oldPointers = TableScan.items(domain.table).stream()
                .filter(i -> i.get("pk").s().equals("USER#" + account.account().id()) && i.get("sk").s().startsWith("SESSIONREF#"))
                .filter(i -> !i.containsKey("credentialEpoch") || i.get("credentialEpoch").n().equals("0"))
                .count();
        assertThat(oldPointers).as("session pointers of the old epoch").isZero();
        return List.copyOf(issued);
    }
}
