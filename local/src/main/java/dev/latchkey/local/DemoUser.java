package dev.latchkey.local;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.account.EmailAddress;
import dev.latchkey.signup.PendingSignup;
import dev.latchkey.config.Config;
import dev.latchkey.auth.BearerToken;
import dev.latchkey.crypto.Hashes;
import dev.latchkey.error.DomainError;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.password.PasswordPolicy;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.session.Session;
import dev.latchkey.account.dynamo.DynamoAccountStore;
import dev.latchkey.session.dynamo.DynamoSessionStore;
import dev.latchkey.signup.dynamo.DynamoPendingSignupStore;
import dev.latchkey.store.LatchkeyTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code invoke}'s demo account. The authenticated events in events/ carry a session token
 * ({@code Authorization: Bearer lk_s_…}) that a fresh store does not know; before such an event runs,
 * the demo user ({@link #USER_ID}) is created as the person of events/signup.json (ada@example.com,
 * password "correct horse battery staple"), with a session ({@link #SESSION_ID}) stored under the
 * SHA-256 of the event's token, so the handler (and the exported authorizer) accept the token.
 *
 * <p>The account is made the way a confirmed signup makes it, through the {@link AccountStore} port: a
 * pending signup, then {@link DynamoPendingSignupStore#completeSignup} with the event's session as the first
 * session. The items are therefore exactly those a real signup writes (docs/data-model.md), guards
 * included. A user that exists (a {@code --data} directory from a serve run) is never touched; an
 * unconfirmed signup of ada@example.com in the store is used up by the seeding.
 */
final class DemoUser {
    static final String EMAIL = "ada@example.com";
    static final String NAME = "Ada Lovelace";
    static final String USERNAME = "ada";
    static final String PASSWORD = "correct horse battery staple";
    /** The ids the demo user and its session get (the events in events/ share one session token). */
    static final String USER_ID = "usr_4Hn8Qz2Wk7Tb5Xc9Pm3Vr6Ld";
    static final String SESSION_ID = "ses_9Fb2Kt6Yq1Np4Zw8Jc3Mh7Gx";

    /** The demo user and session an event's bearer token stands for, and its client. */
    record Named(String userId, Optional<String> sessionId, Optional<String> sessionToken, ClientInfo client) {}

    private DemoUser() {
    }

    /** The demo user and session for an event with a session token; empty for events without one. */
    static Optional<Named> namedBy(byte[] event) {
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(event);
        } catch (IOException notJson) {
            return Optional.empty(); // the function will say what is wrong with it
        }
        if (json == null) {
            return Optional.empty();
        }
        Optional<String> token = header(json.path("headers"), "authorization")
                .flatMap(BearerToken::fromAuthorizationHeader)
                .filter(t -> t.startsWith(BearerToken.SESSION_PREFIX));
        if (token.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> sessionId = Optional.of(SESSION_ID);
        String userId = USER_ID;
        JsonNode http = json.at("/requestContext/http");
        ClientInfo client = new ClientInfo(http.path("sourceIp").asText(""), http.path("userAgent").asText(""));
        return Optional.of(new Named(userId, sessionId, token, client));
    }

    /**
     * Creates the user {@code event} names unless the store has it.
     *
     * @return the line to print about what was seeded (or why not); empty when nothing was to be done
     */
    static Optional<String> seedIfMissing(byte[] event, DynamoDbClient dynamoDb, LatchkeyComponent component,
            Clock clock) {
        Optional<Named> named = namedBy(event);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        String userId = named.get().userId();
        LatchkeyTable table = new LatchkeyTable(dynamoDb, component.config());
        AccountStore accounts = new DynamoAccountStore(table);
        if (accounts.findById(userId).isPresent()) {
            return Optional.empty();
        }
        EmailAddress email = EmailAddress.parse("email", EMAIL);
        Optional<String> owner = accounts.findUserIdByEmail(email.normalized());
        if (owner.isPresent()) {
            return Optional.of("latchkey: did not seed the event's user " + userId + ": " + EMAIL
                    + " already belongs to " + owner.get() + " in this store");
        }
        String username = accounts.isUsernameTaken(USERNAME) ? null : USERNAME;

        Config config = component.config();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // completeSignup always stores a first session: the event's, or one nobody holds, removed again below
        Optional<String> eventSessionId = named.get().sessionId().filter(id -> named.get().sessionToken().isPresent());
        String sessionId = eventSessionId.orElseGet(() -> "ses_" + component.randomness().base62(24));
        String token = eventSessionId.isPresent()
                ? named.get().sessionToken().orElseThrow()
                : BearerToken.issue(BearerToken.SESSION_PREFIX, component.randomness());
        Session session = new Session(sessionId, Hashes.sha256(token), userId, now, now,
                now.plus(config.sessionLifetime()).truncatedTo(ChronoUnit.SECONDS),
                named.get().client().ip(), named.get().client().userAgent(), 0, Session.PASSWORD);
        String passwordHash = component.passwordHasher().hash(PasswordPolicy.normalize(PASSWORD));
        PendingSignup pending = new PendingSignup(email.normalized(), email.value(),
                Hashes.sha256(component.randomness().base64Url(32)), NAME, username, now,
                now.plus(config.verificationLifetime()).truncatedTo(ChronoUnit.SECONDS));
        Account account = new Account(userId, email.value(), email.normalized(), true, NAME, username, false, now,
                passwordHash, 0);
        try {
            DynamoPendingSignupStore signups = new DynamoPendingSignupStore(table);
            signups.savePending(pending);
            signups.completeSignup(pending, account, session);
        } catch (DomainError e) {
            return Optional.of("latchkey: did not seed the event's user " + userId + ": " + e.getMessage());
        }
        if (eventSessionId.isEmpty()) {
            new DynamoSessionStore(table).delete(session);
        }
        return Optional.of("latchkey: seeded demo user " + userId + " (" + EMAIL + ", password \"" + PASSWORD
                + "\") named by the event"
                + eventSessionId.map(id -> ", with session " + id + " for the event's bearer token").orElse(""));
    }

    private static Optional<String> header(JsonNode headers, String name) {
        for (Map.Entry<String, JsonNode> field : headers.properties()) {
            if (field.getKey().equalsIgnoreCase(name) && field.getValue().isTextual()) {
                return Optional.of(field.getValue().asText());
            }
        }
        return Optional.empty();
    }
}
