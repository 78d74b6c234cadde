package dev.latchkey.signup.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.dynamo.AccountItems;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.session.Session;
import dev.latchkey.session.dynamo.SessionItems;
import dev.latchkey.signup.PendingSignup;
import dev.latchkey.signup.PendingSignupStore;
import dev.latchkey.store.Item;
import dev.latchkey.store.ItemSchema;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Times;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Pending signups, keyed by address and found by token hash through GSI1, and the transaction that
 * turns one into an account with its guards and first session. Pending signups belong to an
 * address, not to a user: none exists for an address that has an account, and confirmation deletes
 * it, so this feature keeps nothing about a user.
 */
@Singleton
public final class DynamoPendingSignupStore implements PendingSignupStore {
    /** SIGNUP#{normalized email} / SIGNUP, found by GSI1 VERIFY#{sha256(token)}. */
    static final StaticTableSchema<Item> PENDING_SIGNUP = ItemSchema.withGsi1()
            .strings("email", "emailNormalized", "tokenHash", "name", "username", "createdAt")
            .numbers("expiresAt")
            .build();

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> pending;
    private final DynamoDbTable<Item> users;
    private final DynamoDbTable<Item> guards;
    private final DynamoDbTable<Item> sessions;
    private final DynamoDbTable<Item> sessionRefs;

    @Inject
    public DynamoPendingSignupStore(LatchkeyTable table) {
        this.table = table;
        this.pending = table.view(PENDING_SIGNUP);
        this.users = table.view(AccountItems.USER);
        this.guards = table.view(AccountItems.GUARD);
        this.sessions = table.view(SessionItems.SESSION);
        this.sessionRefs = table.view(SessionItems.SESSION_REF);
    }

    @Override
    public void savePending(PendingSignup p) {
        pending.putItem(Keys.item(pendingSignup(p.normalizedEmail()), "signup")
                .set("gsi1pk", verification(p.tokenHash()).partitionKeyValue().s())
                .set("gsi1sk", "VERIFY")
                .set("email", p.email())
                .set("emailNormalized", p.normalizedEmail())
                .set("tokenHash", p.tokenHash())
                .set("name", p.name())
                .set("username", p.username())
                .set("createdAt", Times.format(p.createdAt()))
                .set("expiresAt", p.expiresAt().getEpochSecond()));
    }

    @Override
    public Optional<PendingSignup> findPendingByTokenHash(String tokenHash) {
        // GSI1 is eventually consistent; completeSignup re-checks the token hash under a condition.
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(verification(tokenHash)))
                .limit(1)
                .build();
        return pending.index(ItemSchema.GSI1).query(query).stream()
                .flatMap(page -> page.items().stream())
                .findFirst()
                .map(i -> new PendingSignup(i.str("emailNormalized"), i.str("email"), i.str("tokenHash"),
                        i.str("name"), i.str("username"), Instant.parse(i.str("createdAt")),
                        Instant.ofEpochSecond(i.num("expiresAt"))));
    }

    @Override
    public void completeSignup(PendingSignup p, Account account, Session firstSession) {
        Expression stillPending = Expression.builder()
                .expression("tokenHash = :hash")
                .expressionValues(Map.of(":hash", AttributeValue.fromS(p.tokenHash())))
                .build();
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addDeleteItem(pending, TransactDeleteItemEnhancedRequest.builder()
                        .key(pendingSignup(p.normalizedEmail())).conditionExpression(stillPending).build())
                .addPutItem(users, create(AccountItems.userItem(account)))
                .addPutItem(guards, create(AccountItems.guard(AccountItems.email(account.normalizedEmail()), "email", account.id())));
        if (account.username() != null) {
            tx.addPutItem(guards, create(AccountItems.guard(AccountItems.username(account.username()), "username", account.id())));
        }
        tx.addPutItem(sessions, SessionItems.toItem(firstSession));
        tx.addPutItem(sessionRefs, SessionItems.refItem(firstSession));
        try {
            table.client().transactWriteItems(tx.build());
        } catch (TransactionCanceledException e) {
            throw whyCanceled(e.cancellationReasons(), account.username() != null);
        }
    }

    private static DomainError whyCanceled(List<CancellationReason> reasons, boolean hasUsername) {
        // Order of the writes above: 0 pending, 1 user, 2 email guard, 3 username guard (if any), then session.
        if (hasUsername && reasons.size() > 3 && failed(reasons.get(3)) && !failed(reasons.get(0)) && !failed(reasons.get(2))) {
            return DomainError.conflict("username", "username was taken meanwhile; sign up again with another one");
        }
        if (reasons.stream().anyMatch(DynamoPendingSignupStore::failed)) {
            return DomainError.invalidToken("token",
                    "the link is invalid, was already used, has expired or was replaced by a newer signup");
        }
        // Cancelled for another reason (a concurrent transaction on the same items): the caller may retry.
        return DomainError.of(ErrorCode.CONFLICT, "the signup is being confirmed by another request; try again");
    }

    private static boolean failed(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }

    private static TransactPutItemEnhancedRequest<Item> create(Item item) {
        return TransactPutItemEnhancedRequest.builder(Item.class).item(item).conditionExpression(AccountItems.NEW_ITEM).build();
    }

    private static Key pendingSignup(String normalizedEmail) {
        return Keys.key("SIGNUP#" + normalizedEmail, "SIGNUP");
    }

    private static Key verification(String tokenHash) {
        return Keys.key("VERIFY#" + tokenHash, "VERIFY");
    }
}
