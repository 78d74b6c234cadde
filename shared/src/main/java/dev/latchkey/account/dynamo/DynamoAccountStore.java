package dev.latchkey.account.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.auth.UserData;
import dev.latchkey.store.Item;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** Accounts and their uniqueness guards in the single table. */
@Singleton
public final class DynamoAccountStore implements AccountStore, UserData {
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
