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
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code invoke}'s demo account. The events in events/ carry an authorizer context naming a user (and a
 * session with its bearer token) that a fresh store does not have; before such an event runs, that
 * user is created as the person of events/signup.json (ada@example.com, password "correct horse
 * battery staple"), with the event's session stored under the SHA-256 of the event's token, so the
 * authorizer would accept the token too.
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

    /** What an HTTP API event's authorizer context and headers name. */
    record Named(String userId, Optional<String> sessionId, Optional<String> sessionToken, ClientInfo client) {}

    private DemoUser() {
    }

    /** The user (and session) the event names; empty for events without an authorizer context naming a user. */
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
        JsonNode lambda = json.at("/requestContext/authorizer/lambda");
        String userId = lambda.path("userId").asText("");
        if (userId.isBlank()) {
            return Optional.empty();
        }
        Optional<String> sessionId = Optional.of(lambda.path("sessionId").asText("")).filter(id -> !id.isBlank());
        Optional<String> token = header(json.path("headers"), "authorization")
                .flatMap(BearerToken::fromAuthorizationHeader)
                .filter(t -> t.startsWith(BearerToken.SESSION_PREFIX));
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
        LatchkeyTable table = new LatchkeyTable(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build(),
                component.config());
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
                named.get().client().ip(), named.get().client().userAgent(), 0);
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
