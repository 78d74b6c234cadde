package dev.latchkey.functions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.application.Inviting;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.cleanup.DeletionPreview;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.functions.cleanup.CleanupHandler;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.functions.wiring.SdkInterceptors;
import dev.latchkey.session.SignedIn;
import dev.latchkey.signup.SignupCommand;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.TableScan;
import dev.latchkey.testing.TestConfig;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Account deletion and its stream-triggered clean-up, against DynamoDB Local: re-authentication as this account
 * only; every token fails at once; the clean-up, killed halfway by an injected failure, reports the record in
 * {@code batchItemFailures}, and the retry leaves nothing that names the user while the other user keeps all.
 */
@DisplayName("account deletion and clean-up")
class AccountDeletionTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.20", "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");

    /** Fails every write request after {@code allowed} of them while armed: a function dying halfway. */
    static final class Killer implements ExecutionInterceptor {
        final AtomicInteger allowed = new AtomicInteger(Integer.MAX_VALUE);

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            Object request = context.request();
            boolean write = request instanceof DeleteItemRequest || request instanceof TransactWriteItemsRequest
                    || request instanceof BatchWriteItemRequest;
            if (write && allowed.getAndDecrement() <= 0) {
                throw new IllegalStateException("injected failure: the function dies here");
            }
        }
    }

    /** Runs a step once, just before the next transaction leaves: another request landing in between. */
    static final class BeforeNextTransaction implements ExecutionInterceptor {
        final java.util.concurrent.atomic.AtomicReference<Runnable> step = new java.util.concurrent.atomic.AtomicReference<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest) {
                Runnable once = step.getAndSet(null);
                if (once != null) {
                    once.run();
                }
            }
        }
    }

    private static final AtomicInteger SIGNUPS = new AtomicInteger(30);

    private final MutableClock clock = MutableClock.startingNow();
    private final Killer killer = new Killer();
    private final BeforeNextTransaction between = new BeforeNextTransaction();
    private final String table = DynamoDbLocal.shared().createUniqueTable("deletion");
    private final LatchkeyComponent app = Wiring.build(TestConfig.forTable(DynamoDbLocal.shared().endpoint(), table), clock,
            new SdkInterceptors(List.of(killer, between)));

    private SignedIn account(String email, String username) {
        app.signingUp().signUp(new SignupCommand(email, "Someone", username), "198.51.100." + SIGNUPS.incrementAndGet());
        return app.confirmingSignup().confirm(Mail.token(lastMail(email)), PASSWORD, CLIENT);
    }

    private dev.latchkey.mail.MailMessage lastMail(String to) {
        return app.outbox().messages().stream().filter(m -> m.to().equals(to)).toList().getLast();
    }

    /**
     * The principal of {@code token}, reused across calls as a client reuses its token across requests: without the
     * profile its authentication read (one request's), so each call reads the account as it is then.
     */
    private Principal principal(String token) {
        return app.authenticating().authenticate("Bearer " + token).orElseThrow().withoutProfile();
    }

    private String totp(String secret) {
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, Math.floorDiv(clock.instant().getEpochSecond(), 30));
        } catch (CodeGenerationException e) {
            throw new AssertionError(e);
        }
    }

    /** A typical user: 3 sessions, 2 API keys, MFA on, 2 owned applications with a member and a pending invitation, a membership elsewhere, a reset link, counters. */
    private record Typical(SignedIn account, String secret, String apiKey, List<String> appIds) {
    }

    private Typical typical(String email, String username, Principal other, String otherEmail, String otherAppId) {
        SignedIn signedIn = account(email, username);
        Principal me = principal(signedIn.session().token());
        app.signingIn().signIn(email, PASSWORD, CLIENT);
        app.signingIn().signIn(email, PASSWORD, CLIENT);
        try {
            app.signingIn().signIn(email, "not the password", CLIENT);
        } catch (DomainError expected) {
            // a counter
        }
        String key = app.managingApiKeys().create(me, "deploy", null, null, null).key();
        app.managingApiKeys().create(me, "backup", "nightly", 90, null);
        String secret = app.managingMfa().enrol(me).secret();
        app.managingMfa().verify(me, totp(secret), PASSWORD);
        clock.advance(Duration.ofSeconds(30));
        String first = app.managingApplications().create(me, "First of " + username).application().id();
        String second = app.managingApplications().create(me, "Second of " + username).application().id();
        app.inviting().invite(me, first, otherEmail, null, "developer");
        app.inviting().accept(other, new Inviting.Reference(Mail.token(lastMail(otherEmail)), null, null));
        app.inviting().invite(me, second, "pending-" + username + "@example.com", null, "observer");
        app.inviting().invite(principal(app.signingIn().signIn(otherEmail, PASSWORD, CLIENT).session().token()), otherAppId, email, null, "operator");
        app.inviting().accept(me, new Inviting.Reference(Mail.token(lastMail(email)), null, null));
        app.resettingPassword().request(email, "198.51.100.99");
        return new Typical(signedIn, secret, key, List.of(first, second));
    }

    private static Predicate<Map<String, AttributeValue>> naming(SignedIn user) {
        String id = user.account().id();
        String email = user.account().normalizedEmail();
        Set<String> ownKeys = Set.of("EMAIL#" + email, "USERNAME#" + user.account().username(), "LIMIT#signin-account#" + Hashes.sha256(email));
        return item -> item.values().stream().anyMatch(v -> v.s() != null && (v.s().contains(id) || v.s().contains(email)))
                || ownKeys.contains(item.get("pk").s());
    }

    private String invokeCleanup(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new CleanupHandler(app).handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                new LambdaContext("CleanupFunction", 1024, 60));
        return out.toString(StandardCharsets.UTF_8);
    }

    private Map<String, AttributeValue> profileItem(String userId) {
        return DynamoDbLocal.shared().client().getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("USER#" + userId), "sk", AttributeValue.fromS("PROFILE")))).item();
    }

    @Test
    @DisplayName("case=only this account's own credentials delete it: session only, its password (not another's), its code; nothing goes before")
    void reauthentication() {
        SignedIn ada = account("ada.reauth@example.com", "ada-reauth");
        SignedIn bob = account("bob.reauth@example.com", "bob-reauth");
        Principal caller = principal(ada.session().token());
        String key = app.managingApiKeys().create(caller, "k", null, null, null).key();
        assertThatThrownBy(() -> app.deletingAccount().delete(principal(key), PASSWORD, null, null))
                .matches(e -> ((DomainError) e).code() == ErrorCode.SESSION_REQUIRED);
        assertThatThrownBy(() -> app.deletingAccount().delete(caller, "not the password", null, null))
                .matches(e -> ((DomainError) e).code() == ErrorCode.WRONG_CURRENT_PASSWORD);
        app.changingPassword().change(principal(bob.session().token()), PASSWORD, "bob's other passphrase", CLIENT);
        assertThatThrownBy(() -> app.deletingAccount().delete(caller, "bob's other passphrase", null, null))
                .as("another account's password").matches(e -> ((DomainError) e).code() == ErrorCode.WRONG_CURRENT_PASSWORD);
        String secret = app.managingMfa().enrol(caller).secret();
        app.managingMfa().verify(caller, totp(secret), PASSWORD);
        clock.advance(Duration.ofSeconds(30));
        assertThatThrownBy(() -> app.deletingAccount().delete(caller, PASSWORD, null, null))
                .matches(e -> ((DomainError) e).code() == ErrorCode.MFA_REQUIRED);
        String wrong = "000000".equals(totp(secret)) ? "111111" : "000000";
        assertThatThrownBy(() -> app.deletingAccount().delete(caller, PASSWORD, wrong, null))
                .matches(e -> ((DomainError) e).code() == ErrorCode.INVALID_MFA_CODE);
        assertThat(profileItem(ada.account().id())).as("nothing deleted").isNotEmpty();
        assertThat(app.authenticating().authenticate("Bearer " + ada.session().token())).isPresent();

        app.deletingAccount().delete(caller, PASSWORD, totp(secret), null);
        assertThat(profileItem(ada.account().id())).isEmpty();
        assertThat(app.authenticating().authenticate("Bearer " + ada.session().token())).as("the session, at once").isEmpty();
        assertThat(app.authenticating().authenticate("Bearer " + key)).as("the API key, at once").isEmpty();
        SignedIn again = account("ada.reauth@example.com", "ada-reauth");
        assertThat(again.account().id()).as("the address and username sign up again as a new user").isNotEqualTo(ada.account().id());
    }

    @Test
    @DisplayName("case=the preview lists owned applications with member counts, memberships, keys and sessions")
    void preview() {
        SignedIn bob = account("bob.preview@example.com", "bob-preview");
        Principal bobCaller = principal(bob.session().token());
        String bobsApp = app.managingApplications().create(bobCaller, "Bob's").application().id();
        Typical ada = typical("ada.preview@example.com", "ada-preview", bobCaller, "bob.preview@example.com", bobsApp);
        DeletionPreview preview = app.deletingAccount().preview(principal(ada.account().session().token()));
        assertThat(preview.ownedApplications()).extracting(DeletionPreview.OwnedApplication::memberCount).containsExactly(2, 1);
        assertThat(preview.memberships()).isEqualTo(1);
        assertThat(preview.apiKeys()).isEqualTo(2);
        assertThat(preview.sessions()).isEqualTo(3);
        assertThat(preview.mfaEnabled()).isTrue();
    }

    @Test
    @DisplayName("case=the clean-up killed halfway reports its record, and the retry leaves nothing of the user; the other user keeps all")
    void cleanupRetriedAfterAFailureHalfway() throws IOException {
        SignedIn bob = account("bob.cleanup@example.com", "bob-cleanup");
        Principal bobCaller = principal(bob.session().token());
        String bobsApp = app.managingApplications().create(bobCaller, "Bob's").application().id();
        Typical ada = typical("ada.cleanup@example.com", "ada-cleanup", bobCaller, "bob.cleanup@example.com", bobsApp);
        String adaId = ada.account().account().id();
        long adaItems = TableScan.items(table).stream().filter(naming(ada.account())).count();
        assertThat(adaItems).isGreaterThanOrEqualTo(25);
        List<String> bobsBefore = TableScan.items(table).stream().filter(naming(bob))
                .filter(i -> ada.appIds().stream().noneMatch(id -> i.get("pk").s().equals("APP#" + id)))
                .map(i -> i.get("pk").s() + " " + i.get("sk").s()).sorted().toList();

        Map<String, AttributeValue> old = profileItem(adaId);
        app.deletingAccount().delete(principal(ada.account().session().token()), PASSWORD, totp(ada.secret()), null);
        assertThat(app.authenticating().authenticate("Bearer " + ada.apiKey())).isEmpty();
        String event = Api.profileRemoved(old, "4421584500000000017450439091");

        killer.allowed.set(4);
        String failed = invokeCleanup(event);
        assertThat(failed).contains("\"itemIdentifier\":\"4421584500000000017450439091\"");
        long left = TableScan.items(table).stream().filter(naming(ada.account())).count();
        assertThat(left).as("halfway: some items went, some are left").isBetween(1L, adaItems - 1);

        killer.allowed.set(Integer.MAX_VALUE);
        assertThat(invokeCleanup(event)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(TableScan.items(table).stream().filter(naming(ada.account())).map(i -> i.get("pk").s() + " / " + i.get("sk").s()).toList())
                .as("orphans").isEmpty();
        assertThat(TableScan.items(table).stream().filter(naming(bob))
                .map(i -> i.get("pk").s() + " " + i.get("sk").s()).sorted().toList()).containsAll(bobsBefore);
        assertThat(app.managingMembers().list(bobCaller, bobsApp, null).members()).extracting(m -> m.userId()).containsExactly(bob.account().id());
        assertThat(app.outbox().messages().stream().filter(m -> m.to().equals("ada.cleanup@example.com"))
                .map(m -> m.subject())).contains("Your account was deleted");
        assertThat(app.outbox().messages().stream().filter(m -> m.to().equals("bob.cleanup@example.com"))
                .map(m -> m.subject())).contains("First of ada-cleanup was deleted");
        assertThat(invokeCleanup(event)).as("idempotent").isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    @DisplayName("case=an expired API key TTL removed and an OWNER membership the index still shows for an application given away: nothing left, no false mail, the new owner keeps it")
    void cleanupAfterTtlAndAStaleIndex() throws IOException {
        SignedIn bob = account("bob.stale@example.com", "bob-stale");
        Principal bobCaller = principal(bob.session().token());
        SignedIn ada = account("ada.stale@example.com", "ada-stale");
        Principal adaCaller = principal(ada.session().token());
        String adaId = ada.account().id();
        var client = DynamoDbLocal.shared().client();

        app.managingApiKeys().create(adaCaller, "expired", null, 30, null);
        Map<String, AttributeValue> keyItem = TableScan.itemsOfType(table, "apikey").stream()
                .filter(i -> i.get("userId").s().equals(adaId)).findFirst().orElseThrow();
        client.deleteItem(d -> d.tableName(table).key(Map.of("pk", keyItem.get("pk"), "sk", keyItem.get("sk")))); // TTL's doing

        String given = app.managingApplications().create(adaCaller, "Given away").application().id();
        app.inviting().invite(adaCaller, given, "bob.stale@example.com", null, "developer");
        app.inviting().accept(bobCaller, new Inviting.Reference(Mail.token(lastMail("bob.stale@example.com")), null, null));
        app.managingApplications().transferOwnership(adaCaller, given, bob.account().id(), null, null);
        // GSI1 is eventually consistent; DynamoDB Local's is not: put back the role a lagging index would still show
        client.updateItem(u -> u.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("APP#" + given), "sk", AttributeValue.fromS("MEMBER#" + adaId)))
                .updateExpression("SET #role = :owner").expressionAttributeNames(Map.of("#role", "role"))
                .expressionAttributeValues(Map.of(":owner", AttributeValue.fromS("owner"))));

        Map<String, AttributeValue> old = profileItem(adaId);
        app.deletingAccount().delete(adaCaller, PASSWORD, null, null);
        assertThat(invokeCleanup(Api.profileRemoved(old, "4421584500000000017450439092"))).isEqualTo("{\"batchItemFailures\":[]}");

        assertThat(TableScan.items(table).stream().filter(naming(ada)).map(i -> i.get("pk").s() + " / " + i.get("sk").s()).toList())
                .as("the expired key's pointer and name guard too").isEmpty();
        assertThat(app.managingApplications().get(bobCaller, given).application())
                .satisfies(a -> assertThat(a.ownerId()).isEqualTo(bob.account().id()))
                .satisfies(a -> assertThat(a.memberCount()).isEqualTo(1));
        assertThat(app.managingMembers().list(bobCaller, given, null).members()).extracting(m -> m.userId())
                .containsExactly(bob.account().id());
        assertThat(app.outbox().messages().stream().filter(m -> m.to().equals("bob.stale@example.com")).map(m -> m.subject()))
                .noneMatch(subject -> subject.contains("was deleted"));
    }

    @Test
    @DisplayName("case=the account deleted between a request's reads and its write: no session, API key, application, membership or ownership lands for it")
    void writesRacingTheDeletion() {
        SignedIn ada = account("ada.race@example.com", "ada-race");
        Principal adaCaller = principal(ada.session().token());
        String appId = app.managingApplications().create(adaCaller, "Raced").application().id();

        SignedIn bob = account("bob.race@example.com", "bob-race");
        Principal bobCaller = principal(bob.session().token());
        app.inviting().invite(adaCaller, appId, "bob.race@example.com", null, "developer");
        String token = Mail.token(lastMail("bob.race@example.com"));
        between.step.set(() -> app.deletingAccount().delete(bobCaller, PASSWORD, null, null));
        assertThatThrownBy(() -> app.inviting().accept(bobCaller, new Inviting.Reference(token, null, null)))
                .matches(e -> ((DomainError) e).code() == ErrorCode.UNAUTHENTICATED);
        assertThat(profileItem(bob.account().id())).as("deleted in between").isEmpty();

        SignedIn carol = account("carol.race@example.com", "carol-race");
        Principal carolCaller = principal(carol.session().token());
        between.step.set(() -> app.deletingAccount().delete(carolCaller, PASSWORD, null, null));
        assertThatThrownBy(() -> app.managingApplications().create(carolCaller, "Never"))
                .matches(e -> ((DomainError) e).code() == ErrorCode.UNAUTHENTICATED);

        SignedIn frank = account("frank.race@example.com", "frank-race");
        Principal frankCaller = principal(frank.session().token());
        Predicate<Map<String, AttributeValue>> sessionOfFrank = i -> i.get("pk").s().startsWith("SESSION#")
                && frank.account().id().equals(i.containsKey("userId") ? i.get("userId").s() : null);
        between.step.set(() -> app.deletingAccount().delete(frankCaller, PASSWORD, null, null));
        assertThatThrownBy(() -> app.managingSessions().refresh(frankCaller, "Bearer " + frank.session().token()))
                .isInstanceOf(DomainError.class);
        assertThat(TableScan.items(table).stream().filter(sessionOfFrank).count()).as("the refresh moved nothing").isEqualTo(1);
        SignedIn grace = account("grace.race@example.com", "grace-race");
        Principal graceCaller = principal(grace.session().token());
        between.step.set(() -> app.deletingAccount().delete(graceCaller, PASSWORD, null, null));
        assertThatThrownBy(() -> app.signingIn().signIn("grace.race@example.com", PASSWORD, CLIENT)).isInstanceOf(DomainError.class);
        assertThat(TableScan.items(table).stream().filter(i -> i.get("pk").s().startsWith("SESSION#")
                && grace.account().id().equals(i.containsKey("userId") ? i.get("userId").s() : null)).count())
                .as("no session from the sign-in").isEqualTo(1);

        SignedIn erin = account("erin.race@example.com", "erin-race");
        Principal erinCaller = principal(erin.session().token());
        between.step.set(() -> app.deletingAccount().delete(erinCaller, PASSWORD, null, null));
        assertThatThrownBy(() -> app.managingApiKeys().create(erinCaller, "never", null, null, null))
                .matches(e -> ((DomainError) e).code() == ErrorCode.UNAUTHENTICATED);
        assertThat(TableScan.items(table).stream().filter(naming(erin)).map(i -> i.get("pk").s() + " / " + i.get("sk").s())
                .filter(k -> k.contains("APIKEY")).toList()).as("erin's key").isEmpty();

        SignedIn dave = account("dave.race@example.com", "dave-race");
        Principal daveCaller = principal(dave.session().token());
        app.inviting().invite(adaCaller, appId, "dave.race@example.com", null, "developer");
        app.inviting().accept(daveCaller, new Inviting.Reference(Mail.token(lastMail("dave.race@example.com")), null, null));
        between.step.set(() -> app.deletingAccount().delete(daveCaller, PASSWORD, null, null));
        assertThatThrownBy(() -> app.managingApplications().transferOwnership(adaCaller, appId, dave.account().id(), null, null))
                .matches(e -> ((DomainError) e).code() == ErrorCode.CONFLICT);
        assertThat(between.step.get()).as("each step ran").isNull();

        assertThat(app.managingApplications().get(adaCaller, appId).application().ownerId()).isEqualTo(ada.account().id());
        for (SignedIn gone : List.of(bob, carol)) {
            assertThat(TableScan.items(table).stream().filter(naming(gone)).map(i -> i.get("pk").s() + " / " + i.get("sk").s())
                    .filter(k -> (k.startsWith("APP#") && !k.contains("/ INVITATION#")) || k.contains("OWNEDAPPS")).toList())
                    .as(gone.account().username() + ": an application or membership (the invitation is the clean-up's)").isEmpty();
        }
        assertThat(TableScan.items(table).stream().filter(naming(dave)).map(i -> i.get("pk").s() + " / " + i.get("sk").s())
                .filter(k -> k.contains("OWNEDAPPS")).toList()).as("dave owns nothing").isEmpty();
    }
}
