package dev.latchkey.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.auth.UserData;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.error.DomainError;
import dev.latchkey.session.SignedIn;
import dev.latchkey.signup.SignupCommand;
import dev.latchkey.store.Forgetting;
import dev.latchkey.testing.Domain;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.TableScan;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import dev.latchkey.mfa.MfaStore;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The set of "what a feature keeps about a user" that account deletion's cleanup walks: after every
 * contribution forgot a user, the table holds nothing of that user and everything of the others.
 */
class UserDataTest {
    private static final String PASSWORD = "correct horse battery staple";
    /** Features that store items but none of a user, and why. Adding a feature here needs a reason. */
    private static final Map<String, String> KEEPS_NOTHING_OF_A_USER = Map.of(
            "signup", "pending signups belong to an address; none exists for an address with an account, and confirming one deletes it");

    private static Domain domain;
    private static SignedIn ada;
    private static SignedIn bob;

    @BeforeAll
    static void twoUsersUsingEveryFeature() {
        domain = new Domain("userdata");
        ada = everything("ada@example.com", "ada", "198.51.100.7");
        bob = everything("bob@example.com", "bob", "198.51.100.8");
        // applications: ada owns one with a pending invitation, and is a developer in bob's
        Principal adaCaller = domain.authenticating.authenticate("Bearer " + ada.session().token()).orElseThrow();
        Principal bobCaller = domain.authenticating.authenticate("Bearer " + bob.session().token()).orElseThrow();
        String adas = domain.component.managingApplications().create(adaCaller, "Ada's").application().id();
        domain.component.inviting().invite(adaCaller, adas, "carol@example.com", null, "observer");
        String bobs = domain.component.managingApplications().create(bobCaller, "Bob's").application().id();
        domain.component.inviting().invite(bobCaller, bobs, "ada@example.com", null, "developer");
        String token = Mail.token(domain.outbox.messages().stream().filter(m -> m.to().equals("ada@example.com")).toList().getLast());
        domain.component.inviting().accept(adaCaller, new dev.latchkey.application.Inviting.Reference(token, null, null));
    }

    /** A user with an item of every kind a feature stores: profile, guards, sessions, devices, keys, a reset link, an email change, counters, MFA. */
    private static SignedIn everything(String email, String username, String ip) {
        ClientInfo client = new ClientInfo(ip, "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0");
        domain.signingUp.signUp(new SignupCommand(email, "Someone", username), ip);
        SignedIn first = domain.confirming.confirm(Mail.token(domain.outbox.messages().getLast()), PASSWORD, client);
        SignedIn second = domain.signingIn.signIn(email, PASSWORD, client);
        domain.signingIn.signIn(email, PASSWORD, second.deviceToken(), client);
        try {
            domain.signingIn.signIn(email, "not the password at all", client);
        } catch (DomainError expected) {
            // a failure leaves counters behind
        }
        Principal caller = domain.authenticating.authenticate("Bearer " + second.session().token()).orElseThrow();
        domain.managingApiKeys.create(caller, "deploy", "ci", 30, null);
        domain.managingApiKeys.create(caller, "read-only", null, null, null);
        domain.resettingPassword.request(email, ip);
        domain.component.changingEmail().request(caller, "new-" + email, PASSWORD); // an email change in progress
        // two-factor: the factor, ten recovery codes, and a pending secret (put directly: with MFA on, enrolment is refused)
        String secret = domain.managingMfa.enrol(caller).secret();
        String code;
        try {
            code = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret,
                    Math.floorDiv(domain.clock.instant().getEpochSecond(), 30));
        } catch (CodeGenerationException e) {
            throw new AssertionError(e);
        }
        domain.managingMfa.verify(caller, code, PASSWORD);
        domain.mfaStore.putPending(caller.userId(), new MfaStore.Pending("aesgcm:k1:not-a-real-secret",
                domain.clock.instant().plus(Duration.ofMinutes(15))), domain.clock.instant());
        return first;
    }

    @Test
    @DisplayName("case=after every contribution forgot a user, no item names the user, and the other user's items are all there")
    void forgettingLeavesNothingOfTheUser() {
        List<Map<String, AttributeValue>> before = TableScan.items(domain.table);
        assertThat(before.stream().filter(of(ada))).as("ada's items before").hasSizeGreaterThanOrEqualTo(12);
        Set<String> bobsBefore = keys(before.stream().filter(of(bob)));

        int forgotten = forgetAda();

        List<Map<String, AttributeValue>> after = TableScan.items(domain.table);
        assertThat(after.stream().filter(of(ada)).map(UserDataTest::describe).toList())
                .as("items of the forgotten user left behind: a feature stores them without contributing UserData")
                .isEmpty();
        assertThat(keys(after.stream().filter(of(bob)))).as("the other user's items").isEqualTo(bobsBefore);
        assertThat(forgotten).isGreaterThanOrEqualTo(12);
        assertThat(domain.authenticating.authenticate("Bearer " + ada.session().token())).isEmpty();

        assertThat(forgetAda()).as("a second run finds nothing left: idempotent").isZero();
    }

    @Test
    @DisplayName("case=every feature package with a DynamoDB adapter contributes UserData, or says why it keeps nothing of a user")
    void everyStoringFeatureContributes() throws IOException, URISyntaxException {
        Set<String> contributing = domain.component.userData().stream()
                .map(data -> feature(data.getClass().getPackageName()))
                .collect(Collectors.toCollection(TreeSet::new));
        Path classes = Path.of(UserData.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> storing;
        try (Stream<Path> packages = Files.list(classes.resolve("dev/latchkey"))) {
            storing = packages.filter(p -> Files.isDirectory(p.resolve("dynamo")))
                    .map(p -> p.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(storing).contains("account", "session", "apikey", "password", "signup", "ratelimit");
        storing.removeAll(KEEPS_NOTHING_OF_A_USER.keySet());
        assertThat(contributing).as("features contributing UserData").containsAll(storing);
    }

    private static int forgetAda() {
        UserData.UserRef ref = new UserData.UserRef(ada.account().id(), ada.account().normalizedEmail(), ada.account().username());
        Forgetting forgetting = Forgetting.of(domain.component.latchkeyTable(), ref.userId());
        int forgotten = domain.component.userData().stream().mapToInt(data -> data.forget(ref, forgetting)).sum();
        forgetting.flush();
        return forgotten;
    }

    /** An item of the user: under the user's partition, naming the user, or keyed by the user's address, username or account counters. */
    private static Predicate<Map<String, AttributeValue>> of(SignedIn user) {
        String id = user.account().id();
        String email = user.account().normalizedEmail();
        Set<String> ownKeys = Set.of("EMAIL#" + email, "USERNAME#" + user.account().username(),
                "LIMIT#signin-account#" + Hashes.sha256(email), "LIMIT#email-change-user#" + Hashes.sha256(id.toLowerCase(java.util.Locale.ROOT)));
        return item -> item.values().stream().anyMatch(v -> v.s() != null && v.s().contains(id))
                || ownKeys.contains(item.get("pk").s());
    }

    private static Set<String> keys(Stream<Map<String, AttributeValue>> items) {
        return items.map(i -> i.get("pk").s() + " " + i.get("sk").s()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(Map<String, AttributeValue> item) {
        return item.get("pk").s() + " / " + item.get("sk").s() + " (" + (item.containsKey("type") ? item.get("type").s() : "?") + ")";
    }

    private static String feature(String packageName) {
        String rest = packageName.substring("dev.latchkey.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
