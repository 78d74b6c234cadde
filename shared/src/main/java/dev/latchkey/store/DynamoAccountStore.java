package dev.latchkey.store;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.account.PendingSignup;
import dev.latchkey.error.DomainError;
import dev.latchkey.error.ErrorCode;
import dev.latchkey.session.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Accounts, guards and pending signups in the single table. */
@Singleton
public final class DynamoAccountStore implements AccountStore {
    private static final Expression NEW_ITEM = Expression.builder().expression("attribute_not_exists(pk)").build();

    private final LatchkeyTable table;

    @Inject
    public DynamoAccountStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public Optional<String> findUserIdByEmail(String normalizedEmail) {
        return Optional.ofNullable(table.guards().getItem(consistent(Keys.email(normalizedEmail)))).map(i -> i.str("userId"));
    }

    @Override
    public Optional<String> peekUserIdByEmail(String normalizedEmail) {
        return Optional.ofNullable(table.guards().getItem(Keys.email(normalizedEmail))).map(i -> i.str("userId"));
    }

    @Override
    public boolean isUsernameTaken(String username) {
        return table.guards().getItem(Keys.username(username)) != null;
    }

    @Override
    public Optional<Account> findById(String userId) {
        return Optional.ofNullable(table.users().getItem(consistent(Keys.user(userId)))).map(DynamoAccountStore::account);
    }

    @Override
    public void savePending(PendingSignup p) {
        table.pendingSignups().putItem(Keys.item(Keys.pendingSignup(p.normalizedEmail()), "signup")
                .set("gsi1pk", Keys.verification(p.tokenHash()).partitionKeyValue().s())
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
                .queryConditional(QueryConditional.keyEqualTo(Keys.verification(tokenHash)))
                .limit(1)
                .build();
        return table.pendingSignups().index(Schemas.GSI1).query(query).stream()
                .flatMap(page -> page.items().stream())
                .findFirst()
                .map(i -> new PendingSignup(i.str("emailNormalized"), i.str("email"), i.str("tokenHash"),
                        i.str("name"), i.str("username"), Instant.parse(i.str("createdAt")),
                        Instant.ofEpochSecond(i.num("expiresAt"))));
    }

    @Override
    public void completeSignup(PendingSignup pending, Account account, Session firstSession) {
        Expression stillPending = Expression.builder()
                .expression("tokenHash = :hash")
                .expressionValues(Map.of(":hash", AttributeValue.fromS(pending.tokenHash())))
                .build();
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addDeleteItem(table.pendingSignups(), TransactDeleteItemEnhancedRequest.builder()
                        .key(Keys.pendingSignup(pending.normalizedEmail())).conditionExpression(stillPending).build())
                .addPutItem(table.users(), create(userItem(account)))
                .addPutItem(table.guards(), create(guard(Keys.item(Keys.email(account.normalizedEmail()), "email"), account.id())));
        if (account.username() != null) {
            tx.addPutItem(table.guards(), create(guard(Keys.item(Keys.username(account.username()), "username"), account.id())));
        }
        tx.addPutItem(table.sessions(), DynamoSessionStore.toItem(firstSession));
        tx.addPutItem(table.sessionRefs(), DynamoSessionStore.refItem(firstSession));
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
        if (reasons.stream().anyMatch(DynamoAccountStore::failed)) {
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
        return TransactPutItemEnhancedRequest.builder(Item.class).item(item).conditionExpression(NEW_ITEM).build();
    }

    private static GetItemEnhancedRequest consistent(software.amazon.awssdk.enhanced.dynamodb.Key key) {
        return GetItemEnhancedRequest.builder().key(key).consistentRead(true).build();
    }

    private static Item guard(Item item, String userId) {
        return item.set("userId", userId);
    }

    private static Item userItem(Account a) {
        return Keys.item(Keys.user(a.id()), "user")
                .set("id", a.id())
                .set("email", a.email())
                .set("emailNormalized", a.normalizedEmail())
                .set("emailVerified", a.emailVerified())
                .set("name", a.name())
                .set("username", a.username())
                .set("mfaEnabled", a.mfaEnabled())
                .set("createdAt", Times.format(a.createdAt()))
                .set("passwordHash", a.passwordHash())
                .set("credentialEpoch", a.credentialEpoch());
    }

    private static Account account(Item i) {
        return new Account(i.str("id"), i.str("email"), i.str("emailNormalized"), Boolean.TRUE.equals(i.bool("emailVerified")),
                i.str("name"), i.str("username"), Boolean.TRUE.equals(i.bool("mfaEnabled")), Instant.parse(i.str("createdAt")),
                i.str("passwordHash"), i.num("credentialEpoch") == null ? 0 : i.num("credentialEpoch"));
    }
}
