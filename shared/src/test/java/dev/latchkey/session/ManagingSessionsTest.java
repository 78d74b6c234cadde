package dev.latchkey.session;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.crypto.Hashes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.session.SignedIn;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.testing.Accounts;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Race;
import dev.latchkey.testing.TableScan;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Listing, refreshing and ending sessions against DynamoDB Local. */
class ManagingSessionsTest {
    private static final ClientInfo FIREFOX = new ClientInfo("198.51.100.1", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
    private static final ClientInfo SAFARI = new ClientInfo("198.51.100.2",
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15");
    private static Domain domain;

    @BeforeAll
    static void table() {
        domain = new Domain("sessions");
    }

    private static Principal principal(String token) {
        return domain.authenticating.authenticate("Bearer " + token).orElseThrow();
    }

    private static String signIn(String email, ClientInfo client) {
        return domain.signingIn.signIn(email, Accounts.PASSWORD, client).session().token();
    }

    @Test
    @DisplayName("case=two sign-ins are two sessions, newest first, with ip and user agent")
    void listsSessions() {
        SignedIn account = Accounts.create(domain, "list@example.com", FIREFOX);
        domain.clock.advance(Duration.ofSeconds(5));
        String second = signIn("list@example.com", SAFARI);
        List<Session> sessions = domain.managingSessions.list(principal(second));
        assertThat(sessions).hasSize(2);
        assertThat(sessions.getFirst().id()).isEqualTo(principal(second).sessionId());
        assertThat(sessions.getFirst().ip()).isEqualTo("198.51.100.2");
        assertThat(UserAgent.parse(sessions.getFirst().userAgent()).browser()).isEqualTo("Safari 17.5");
        assertThat(sessions.getLast().id()).isEqualTo(account.session().session().id());
    }

    @Test
    @DisplayName("case=ending one session kills its token and not the other; ending it again is 404")
    void endsOneSession() {
        Accounts.create(domain, "end@example.com", FIREFOX);
        String keep = signIn("end@example.com", FIREFOX);
        String kill = signIn("end@example.com", SAFARI);
        domain.managingSessions.end(principal(keep), principal(kill).sessionId());
        assertThat(domain.authenticating.authenticate("Bearer " + kill)).isEmpty();
        assertThat(domain.authenticating.authenticate("Bearer " + keep)).isPresent();
    }

    @Test
    @DisplayName("case=another user's session is not found, and survives")
    void otherUsersSessionIsNotFound() {
        Accounts.create(domain, "mine@example.com", FIREFOX);
        Accounts.create(domain, "theirs@example.com", FIREFOX);
        String mine = signIn("mine@example.com", FIREFOX);
        String theirs = signIn("theirs@example.com", FIREFOX);
        assertThatThrownBy(() -> domain.managingSessions.end(principal(mine), principal(theirs).sessionId()))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(domain.authenticating.authenticate("Bearer " + theirs)).isPresent();
    }

    @Test
    @DisplayName("case=refresh gives a new token for the same session and expiry; the old token is dead at once")
    void refreshRotates() {
        Accounts.create(domain, "refresh@example.com", FIREFOX);
        String old = signIn("refresh@example.com", FIREFOX);
        Principal before = principal(old);
        Session stored = domain.managingSessions.list(before).stream().filter(s -> s.id().equals(before.sessionId())).findFirst().orElseThrow();
        domain.clock.advance(Duration.ofHours(1));
        IssuedSession refreshed = domain.managingSessions.refresh(before, "Bearer " + old);
        assertThat(refreshed.token()).isNotEqualTo(old);
        assertThat(refreshed.session().id()).isEqualTo(before.sessionId());
        assertThat(refreshed.session().expiresAt()).isEqualTo(stored.expiresAt());
        assertThat(domain.authenticating.authenticate("Bearer " + old)).isEmpty();
        assertThat(principal(refreshed.token()).sessionId()).isEqualTo(before.sessionId());
        assertThat(TableScan.contains(domain.table, refreshed.token())).isFalse();
    }

    @Test
    @DisplayName("race=two refreshes of one session at once: exactly one new token works")
    void refreshRace() throws Exception {
        Accounts.create(domain, "refreshrace@example.com", FIREFOX);
        String token = signIn("refreshrace@example.com", FIREFOX);
        Principal caller = principal(token);
        List<Object> outcomes = Race.run(() -> domain.managingSessions.refresh(caller, "Bearer " + token),
                () -> domain.managingSessions.refresh(caller, "Bearer " + token));
        List<IssuedSession> issued = outcomes.stream().filter(o -> o instanceof IssuedSession).map(o -> (IssuedSession) o).toList();
        assertThat(issued).hasSize(1);
        assertThat(domain.authenticating.authenticate("Bearer " + issued.getFirst().token())).isPresent();
        assertThat(domain.sessions.listByUser(caller.userId())).hasSize(2);
    }

    @Test
    @DisplayName("case=a refresh with an already replaced token fails, also when it comes after the first has finished")
    void refreshNeedsThePresentedToken() {
        Accounts.create(domain, "stale@example.com", FIREFOX);
        String token = signIn("stale@example.com", FIREFOX);
        Principal caller = principal(token);
        domain.managingSessions.refresh(caller, "Bearer " + token);
        assertThatThrownBy(() -> domain.managingSessions.refresh(caller, "Bearer " + token))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
        assertThatThrownBy(() -> domain.managingSessions.refresh(caller, null)).isInstanceOf(DomainError.class);
    }

    @Test
    @DisplayName("case=lastSeenAt moves at most once a minute, however many requests")
    void lastSeenAtIsThrottled() {
        Accounts.create(domain, "seen@example.com", FIREFOX);
        String token = signIn("seen@example.com", FIREFOX);
        String userId = principal(token).userId();
        java.time.Instant createdAt = domain.sessions.listByUser(userId).getFirst().lastSeenAt();

        domain.clock.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            principal(token);
        }
        assertThat(lastSeen(userId, token)).isEqualTo(createdAt);

        domain.clock.advance(Duration.ofSeconds(31));
        principal(token);
        java.time.Instant touched = lastSeen(userId, token);
        assertThat(touched).isEqualTo(domain.clock.instant());
        domain.clock.advance(Duration.ofSeconds(10));
        principal(token);
        assertThat(lastSeen(userId, token)).isEqualTo(touched);
    }

    private static java.time.Instant lastSeen(String userId, String token) {
        return domain.sessions.findByTokenHash(dev.latchkey.crypto.Hashes.sha256(token)).orElseThrow().lastSeenAt();
    }

    @Test
    @DisplayName("case=an API key cannot refresh a session")
    void apiKeyCannotRefresh() {
        SignedIn account = Accounts.create(domain, "keyrefresh@example.com", FIREFOX);
        Principal viaKey = new Principal(account.account().id(), Principal.CredentialType.API_KEY, "key_x");
        assertThatThrownBy(() -> domain.managingSessions.refresh(viaKey, "Bearer lk_k_whatever"))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REQUIRED));
    }

    @Test
    @DisplayName("case=a session idle for the timeout ends; one in use within it lives on")
    void idleTimeout() {
        Accounts.create(domain, "idle@example.com", FIREFOX);
        String idle = signIn("idle@example.com", FIREFOX);
        String busy = signIn("idle@example.com", SAFARI);
        Duration timeout = domain.config.sessionIdleTimeout();
        domain.clock.advance(timeout.minusMinutes(2));
        assertThat(domain.authenticating.authenticate("Bearer " + busy)).isPresent();
        domain.clock.advance(Duration.ofMinutes(3));
        assertThat(domain.authenticating.authenticate("Bearer " + idle)).as("idle past the timeout").isEmpty();
        assertThat(domain.authenticating.authenticate("Bearer " + busy)).as("used 3 minutes ago").isPresent();
        assertThat(domain.managingSessions.list(principal(busy))).extracting(Session::id).containsExactly(principal(busy).sessionId());
    }

    @Test
    @DisplayName("case=signing in past the cap ends the oldest sessions")
    void sessionCap() {
        SignedIn account = Accounts.create(domain, "cap@example.com", FIREFOX);
        int cap = domain.config.maxSessionsPerUser();
        String newest = null;
        for (int i = 0; i < cap; i++) {
            domain.clock.advance(Duration.ofSeconds(1));
            newest = signIn("cap@example.com", SAFARI);
        }
        assertThat(domain.authenticating.authenticate("Bearer " + account.session().token())).as("the oldest ended").isEmpty();
        assertThat(domain.managingSessions.list(principal(newest))).hasSize(cap);
    }

    @Test
    @DisplayName("case=sign-ins within one millisecond past the cap never end the session just made")
    void sessionCapWithoutMovingClock() {
        Accounts.create(domain, "samems@example.com", FIREFOX);
        for (int i = 0; i < domain.config.maxSessionsPerUser() * 2; i++) {
            String token = signIn("samems@example.com", SAFARI);
            assertThat(domain.authenticating.authenticate("Bearer " + token)).as("sign-in %s", i).isPresent();
        }
    }

    @Test
    @DisplayName("race=two sign-ins at the cap leave at most the cap")
    void sessionCapRace() throws Exception {
        Accounts.create(domain, "caprace@example.com", FIREFOX);
        int cap = domain.config.maxSessionsPerUser();
        for (int i = 1; i < cap; i++) {
            domain.clock.advance(Duration.ofSeconds(1));
            signIn("caprace@example.com", SAFARI);
        }
        domain.clock.advance(Duration.ofSeconds(1));
        List<Object> both = Race.run(() -> signIn("caprace@example.com", FIREFOX), () -> signIn("caprace@example.com", SAFARI));
        assertThat(both).allMatch(String.class::isInstance);
        for (Object token : both) {
            assertThat(domain.authenticating.authenticate("Bearer " + token)).as("a racing newcomer survives").isPresent();
        }
        String userId = principal((String) both.getFirst()).userId();
        assertThat(TableScan.items(domain.table).stream()
                .filter(i -> i.get("pk").s().equals("USER#" + userId) && i.get("sk").s().startsWith("SESSIONREF#")))
                .hasSizeLessThanOrEqualTo(cap);
    }

    @Test
    @DisplayName("case=an API key cannot end a session; a session just made is found through its pointer")
    void endingNeedsASession() {
        SignedIn account = Accounts.create(domain, "endkey@example.com", FIREFOX);
        String fresh = signIn("endkey@example.com", SAFARI);
        Principal viaKey = new Principal(account.account().id(), Principal.CredentialType.API_KEY, "key_x");
        assertThatThrownBy(() -> domain.managingSessions.end(viaKey, principal(fresh).sessionId()))
                .isInstanceOfSatisfying(DomainError.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_REQUIRED));
        domain.managingSessions.end(principal(account.session().token()), principal(fresh).sessionId());
        assertThat(domain.authenticating.authenticate("Bearer " + fresh)).isEmpty();
    }
}
