package dev.latchkey.account.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.auth.UserData;
import dev.latchkey.store.Item;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.DeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactUpdateItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Accounts and their uniqueness guards in the single table. */
@Singleton
public final class DynamoAccountStore implements AccountStore, UserData {
    private static final Expression EXISTS = Expression.builder().expression("attribute_exists(pk)").build();

    private final LatchkeyTable table;
    private final DynamoDbTable<Item> users;
    private final DynamoDbTable<Item> guards;

    @Inject
    public DynamoAccountStore(LatchkeyTable table) {
        this.table = table;
        this.users = table.view(AccountItems.USER);
        this.guards = table.view(AccountItems.GUARD);
    }

    @Override
    public Optional<String> findUserIdByEmail(String normalizedEmail) {
        return Optional.ofNullable(guards.getItem(consistent(AccountItems.email(normalizedEmail)))).map(i -> i.str("userId"));
    }

    @Override
    public Optional<String> peekUserIdByEmail(String normalizedEmail) {
        return Optional.ofNullable(guards.getItem(AccountItems.email(normalizedEmail))).map(i -> i.str("userId"));
    }

    @Override
    public boolean isUsernameTaken(String username) {
        return guards.getItem(AccountItems.username(username)) != null;
    }

    @Override
    public Optional<Account> findById(String userId) {
        return Optional.ofNullable(users.getItem(consistent(AccountItems.user(userId)))).map(AccountItems::account);
    }

    @Override
    public Optional<String> findUserIdByUsername(String username) {
        return Optional.ofNullable(guards.getItem(consistent(AccountItems.username(username)))).map(i -> i.str("userId"));
    }

    @Override
    public List<Account> findByIds(Collection<String> userIds) {
        return table.getAll(users, userIds.stream().distinct().map(AccountItems::user).toList()).stream().map(AccountItems::account).toList();
    }

    @Override
    public ProfileUpdate updateProfile(String userId, String oldUsername, String name, String newUsername) {
        Item update = Keys.item(AccountItems.user(userId), "user").set("name", name);
        if (newUsername == null) {
            try {
                users.updateItem(UpdateItemEnhancedRequest.builder(Item.class).item(update).ignoreNulls(true)
                        .conditionExpression(EXISTS).build());
                return ProfileUpdate.UPDATED;
            } catch (ConditionalCheckFailedException gone) {
                return ProfileUpdate.CHANGED_MEANWHILE;
            }
        }
        Expression stillOld = oldUsername == null
                ? Expression.builder().expression("attribute_exists(pk) AND attribute_not_exists(username)").build()
                : Expression.builder().expression("attribute_exists(pk) AND username = :old")
                        .expressionValues(Map.of(":old", AttributeValue.fromS(oldUsername))).build();
        TransactWriteItemsEnhancedRequest.Builder tx = TransactWriteItemsEnhancedRequest.builder()
                .addPutItem(guards, TransactPutItemEnhancedRequest.builder(Item.class)
                        .item(AccountItems.guard(AccountItems.username(newUsername), "username", userId))
                        .conditionExpression(AccountItems.NEW_ITEM).build())
                .addUpdateItem(users, TransactUpdateItemEnhancedRequest.builder(Item.class)
                        .item(update.set("username", newUsername)).ignoreNulls(true).conditionExpression(stillOld).build());
        if (oldUsername != null) {
            tx.addDeleteItem(guards, TransactDeleteItemEnhancedRequest.builder().key(AccountItems.username(oldUsername))
                    .conditionExpression(pointsAt(userId)).build());
        }
        try {
            table.client().transactWriteItems(tx.build());
            return ProfileUpdate.UPDATED;
        } catch (TransactionCanceledException e) {
            // the writes in order: 0 the new guard, 1 the profile, 2 the old guard
            boolean taken = !e.cancellationReasons().isEmpty() && "ConditionalCheckFailed".equals(e.cancellationReasons().getFirst().code());
            if (taken || !guardFree(newUsername, userId)) {
                return ProfileUpdate.USERNAME_TAKEN;
            }
            return ProfileUpdate.CHANGED_MEANWHILE;
        }
    }

    /** After a cancelled claim (a racing transaction): is the username still free, or already this user's? */
    private boolean guardFree(String username, String userId) {
        return findUserIdByUsername(username).map(userId::equals).orElse(true);
    }

    private static Expression pointsAt(String userId) {
        return Expression.builder().expression("userId = :user")
                .expressionValues(Map.of(":user", AttributeValue.fromS(userId))).build();
    }

    @Override
    public String name() {
        return "profile and guards";
    }

    /** The profile, and the guards while they still point at this user: the address may belong to someone new by now. */
    @Override
    public int forget(UserRef user) {
        int deleted = 0;
        if (user.normalizedEmail() != null) {
            deleted += deleteGuard(AccountItems.email(user.normalizedEmail()), user.userId());
        }
        if (user.username() != null) {
            deleted += deleteGuard(AccountItems.username(user.username()), user.userId());
        }
        return deleted + (users.deleteItem(AccountItems.user(user.userId())) == null ? 0 : 1);
    }

    private int deleteGuard(Key key, String userId) {
        try {
            return guards.deleteItem(DeleteItemEnhancedRequest.builder().key(key).conditionExpression(Expression.builder()
                    .expression("userId = :user")
                    .expressionValues(Map.of(":user", AttributeValue.fromS(userId)))
                    .build()).build()) == null ? 0 : 1;
        } catch (ConditionalCheckFailedException goneOrSomeoneElses) {
            return 0;
        }
    }

    private static GetItemEnhancedRequest consistent(Key key) {
        return GetItemEnhancedRequest.builder().key(key).consistentRead(true).build();
    }
}
