package dev.latchkey.account.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountStore;
import dev.latchkey.auth.UserData;
import dev.latchkey.store.Condition;
import dev.latchkey.store.Forgetting;
import dev.latchkey.store.Item;
import dev.latchkey.store.Key;
import dev.latchkey.store.Keys;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Transaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Accounts and their uniqueness guards in the single table. */
@Singleton
public final class DynamoAccountStore implements AccountStore, UserData {
    private final LatchkeyTable table;

    @Inject
    public DynamoAccountStore(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public Optional<String> findUserIdByEmail(String normalizedEmail) {
        return Optional.ofNullable(table.get(AccountItems.email(normalizedEmail), true)).map(i -> i.str("userId"));
    }

    @Override
    public Optional<String> peekUserIdByEmail(String normalizedEmail) {
        return Optional.ofNullable(table.get(AccountItems.email(normalizedEmail), false)).map(i -> i.str("userId"));
    }

    @Override
    public boolean isUsernameTaken(String username) {
        return table.get(AccountItems.username(username), false) != null;
    }

    @Override
    public Optional<Account> findById(String userId) {
        return Optional.ofNullable(table.get(AccountItems.user(userId), true)).map(AccountItems::account);
    }

    @Override
    public Optional<String> findUserIdByUsername(String username) {
        return Optional.ofNullable(table.get(AccountItems.username(username), true)).map(i -> i.str("userId"));
    }

    @Override
    public List<Account> findByIds(Collection<String> userIds) {
        return table.getAll(userIds.stream().distinct().map(AccountItems::user).toList()).stream().map(AccountItems::account).toList();
    }

    @Override
    public ProfileUpdate updateProfile(String userId, String oldUsername, String name, String newUsername) {
        Item update = Keys.item(AccountItems.user(userId), "user").set("name", name);
        if (newUsername == null) {
            try {
                table.update(update, Condition.EXISTS);
                return ProfileUpdate.UPDATED;
            } catch (ConditionalCheckFailedException gone) {
                return ProfileUpdate.CHANGED_MEANWHILE;
            }
        }
        Condition stillOld = oldUsername == null
                ? Condition.of("attribute_exists(pk) AND attribute_not_exists(username)")
                : Condition.of("attribute_exists(pk) AND username = :old", ":old", oldUsername);
        Transaction tx = table.transaction()
                .put(AccountItems.guard(AccountItems.username(newUsername), "username", userId), Condition.NEW_ITEM)
                .update(update.set("username", newUsername), stillOld);
        if (oldUsername != null) {
            tx.delete(AccountItems.username(oldUsername), pointsAt(userId));
        }
        try {
            tx.commit();
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

    private static Condition pointsAt(String userId) {
        return Condition.of("userId = :user", ":user", userId);
    }

    @Override
    public String name() {
        return "profile and guards";
    }

    /**
     * The guards while they still point at this user (the address may belong to someone new by now), and the profile
     * if the partition's read found it: it is normally gone already, its REMOVE is what started the clean-up.
     */
    @Override
    public int forget(UserRef user, Forgetting forgetting) {
        int deleted = 0;
        if (user.normalizedEmail() != null) {
            deleted += deleteGuard(AccountItems.email(user.normalizedEmail()), user.userId());
        }
        if (user.username() != null) {
            deleted += deleteGuard(AccountItems.username(user.username()), user.userId());
        }
        for (Item profile : forgetting.under(AccountItems.user(user.userId()).sk())) {
            forgetting.delete(profile.key());
            deleted++;
        }
        return deleted;
    }

    /**
     * An absent guard is a successful no-op (DeleteMe's transaction removed both: the usual case), not a failed
     * condition and its exception; a guard that belongs to someone else by now stays.
     */
    private int deleteGuard(Key key, String userId) {
        try {
            return table.delete(key, Condition.of("attribute_not_exists(pk) OR userId = :user", ":user", userId)) ? 1 : 0;
        } catch (ConditionalCheckFailedException someoneElses) {
            return 0;
        }
    }
}
