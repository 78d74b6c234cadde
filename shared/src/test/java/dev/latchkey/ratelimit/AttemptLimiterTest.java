package dev.latchkey.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.TableScan;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AttemptLimiterTest {
    private static Domain domain;

    @BeforeAll
    static void table() {
        domain = new Domain("limits");
    }

    private static DomainError signInError(String email, String password, String ip) {
        try {
            domain.signingIn.signIn(email, password, new ClientInfo(ip, "test"));
        } catch (DomainError e) {
            return e;
        }
        throw new AssertionError("expected an error");
    }

    @Test
    @DisplayName("race=an attempt a racing request recorded a moment after this one read the clock makes no wait while attempts are free")
    void racingRecordIsNoWait() {
        java.time.Instant now = java.time.Instant.now();
        AttemptLimiter limiter = new AttemptLimiter(storeWith(new AttemptCounter(1, now.plusMillis(40), now.plusMillis(40))),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        limiter.check(AttemptLimiter.subject(LimitPolicy.SIGNUP_EMAIL_CLIENT, "race@example.com"));
        // past the free attempts the same record does make the caller wait
        AttemptLimiter exhausted = new AttemptLimiter(storeWith(new AttemptCounter(3, now.plusMillis(40), now.plusMillis(40))),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
        assertThatThrownBy(() -> exhausted.check(AttemptLimiter.subject(LimitPolicy.SIGNUP_EMAIL_CLIENT, "race@example.com")))
                .matches(e -> ((DomainError) e).code() == ErrorCode.RATE_LIMITED);
    }

    /** A store that finds {@code counter} under every key and accepts every write. */
    private static AttemptStore storeWith(AttemptCounter counter) {
        return new AttemptStore() {
            @Override
            public java.util.Optional<AttemptCounter> find(String key) {
                return java.util.Optional.of(counter);
            }

            @Override
            public boolean increment(String key, java.time.Instant at, java.time.Instant cutoff, java.time.Instant expiresAt) {
                return true;
            }

            @Override
            public boolean startWindow(String key, java.time.Instant at, java.time.Instant cutoff, java.time.Instant expiresAt) {
                return true;
            }

            @Override
            public boolean clear(String key) {
                return true;
            }

            @Override
            public void clear(String key, dev.latchkey.store.Forgetting forgetting) {
            }
        };
    }

    @Test
    @DisplayName("case=back-off is zero while free, then 1, 2, 4 … minutes, capped at 15")
    void backoffSchedule() {
        LimitPolicy p = LimitPolicy.SIGN_IN_EMAIL_CLIENT;
        assertThat(p.backoffAfter(4)).isZero();
        assertThat(p.backoffAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(p.backoffAfter(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.backoffAfter(8)).isEqualTo(Duration.ofMinutes(8));
        assertThat(p.backoffAfter(9)).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.backoffAfter(1000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    @DisplayName("case=five wrong passwords from one client, then 429 with Retry-After for that client, the same for an unknown email; no password checked")
    void sixthSignInIsLimited() {
        Accounts.create(domain, "victim@example.com", new ClientInfo("192.0.2.1", "test"));
        for (String email : new String[] {"victim@example.com", "ghost@example.com"}) {
            for (int i = 0; i < 5; i++) {
                assertThat(signInError(email, "wrong guess " + i, "198.51.100.7").code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
            }
            long work = domain.hasher.derivations();
            DomainError limited = signInError(email, Accounts.PASSWORD, "198.51.100.7");
            assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(limited.retryAfter()).contains(Duration.ofMinutes(1));
            assertThat(limited.detail()).isEqualTo("too many attempts; try again later");
            assertThat(domain.hasher.derivations()).isEqualTo(work);
        }
        assertThat(TableScan.contains(domain.table, "ghost@example.com")).isFalse();
    }

    @Test
    @DisplayName("case=after the back-off one more try is allowed; failing it doubles the wait; no permanent lockout")
    void exponentialBackoff() {
        Accounts.create(domain, "backoff@example.com", new ClientInfo("192.0.2.1", "test"));
        for (int i = 0; i < 5; i++) {
            signInError("backoff@example.com", "wrong " + i, "198.51.100.50");
        }
        domain.clock.advance(Duration.ofMinutes(1));
        assertThat(signInError("backoff@example.com", "wrong again", "198.51.100.50").code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
        assertThat(signInError("backoff@example.com", Accounts.PASSWORD, "198.51.100.50").retryAfter()).contains(Duration.ofMinutes(2));
        domain.clock.advance(Duration.ofMinutes(2));
        assertThatCode(() -> domain.signingIn.signIn("backoff@example.com", Accounts.PASSWORD, new ClientInfo("198.51.100.50", "t")))
                .doesNotThrowAnyException();
        assertThat(signInError("backoff@example.com", "wrong after success", "198.51.100.50").code())
                .as("a success clears the email's count").isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    @DisplayName("case=one IP failing across many emails is limited after 50 failures")
    void perIpLimit() {
        for (int i = 0; i < 50; i++) {
            signInError("spray" + i + "@example.com", "Winter2026!", "203.0.113.250");
        }
        DomainError limited = signInError("spray-last@example.com", "Winter2026!", "203.0.113.250");
        assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(signInError("spray-last@example.com", "Winter2026!", "203.0.113.251").code()).isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    @DisplayName("case=an IPv6 client spraying from a different address of its /64 each time is limited after 50 failures; the next /64 is not")
    void perIpLimitCountsTheIpv6Network() {
        for (int i = 0; i < 50; i++) {
            signInError("spray6-" + i + "@example.com", "Winter2026!", "2001:db8:17:42:" + Integer.toHexString(i + 1) + "::9");
        }
        assertThat(signInError("spray6-last@example.com", "Winter2026!", "2001:db8:17:42:ffff:1:2:3").code())
                .isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(signInError("spray6-last@example.com", "Winter2026!", "2001:db8:17:43::9").code())
                .isEqualTo(ErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    @DisplayName("case=per-source limits count an IPv6 address's /64, an IPv4 address itself, and anything else as given")
    void networks() {
        assertThat(AttemptLimiter.network("2001:DB8:0:1::1")).isEqualTo(AttemptLimiter.network("2001:db8:0:1:ffff:ffff:ffff:ffff"))
                .isEqualTo("20010db800000001::/64");
        assertThat(AttemptLimiter.network("2001:db8:0:2::1")).isNotEqualTo(AttemptLimiter.network("2001:db8:0:1::1"));
        assertThat(AttemptLimiter.network("192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(AttemptLimiter.network("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(AttemptLimiter.network("not:an address")).isEqualTo("not:an address");
        assertThat(AttemptLimiter.network(null)).isNull();
        assertThat(AttemptLimiter.network(LimitPolicy.SIGNUP_IP, "2001:db8::1").key())
                .isEqualTo(AttemptLimiter.network(LimitPolicy.SIGNUP_IP, "2001:db8::2").key())
                .isNotEqualTo(AttemptLimiter.network(LimitPolicy.RESET_IP, "2001:db8::2").key());
    }

    @Test
    @DisplayName("race=failures recorded at the same time all count, including two that both start a window")
    void racingFailuresCount() throws Exception {
        AttemptLimiter.Subject subject = AttemptLimiter.subject(LimitPolicy.SIGN_IN_EMAIL_CLIENT, "racer@example.com");
        domain.limiter.check(subject).record();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                pool.submit(() -> {
                    go.await();
                    domain.limiter.check(subject).record();
                    return null;
                });
            }
            go.countDown();
        }
        assertThatThrownBy(() -> domain.limiter.check(subject))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.retryAfter()).contains(Duration.ofMinutes(1)));
    }

    @Test
    @DisplayName("race=two first failures at once both count (one starts the window, the other then increments it)")
    void racingFirstFailures() throws Exception {
        AttemptLimiter.Subject subject = AttemptLimiter.subject(LimitPolicy.SIGN_IN_EMAIL_CLIENT, "first-racer@example.com");
        AttemptLimiter.Attempt a = domain.limiter.check(subject);
        AttemptLimiter.Attempt b = domain.limiter.check(subject);
        a.record();
        b.record();
        for (int i = 0; i < 3; i++) {
            domain.limiter.check(subject).record();
        }
        assertThatThrownBy(() -> domain.limiter.check(subject)).isInstanceOf(DomainError.class);
    }
}
