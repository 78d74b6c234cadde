package dev.latchkey.account.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountRemoval;
import dev.latchkey.auth.AccountPresence;
import dev.latchkey.auth.Principal;
import dev.latchkey.store.Condition;
import dev.latchkey.store.LatchkeyTable;
import dev.latchkey.store.Transaction;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The profile as every authentication reads it, and its removal: the profile and its guards in one
 * transaction. The REMOVE of the profile on the table's stream is what triggers the clean-up of everything else.
 */
@Singleton
public final class DynamoAccountRemoval implements AccountPresence, AccountRemoval {
    private final LatchkeyTable table;

    @Inject
    public DynamoAccountRemoval(LatchkeyTable table) {
        this.table = table;
    }

    @Override
    public Optional<Principal.Profile> find(String userId) {
        return Optional.ofNullable(table.get(AccountItems.user(userId), true)).map(AccountItems::account);
    }

    @Override
    public boolean remove(Account account) {
        Transaction tx = table.transaction().delete(AccountItems.user(account.id()), Condition.of(
                "attribute_exists(pk) AND emailNormalized = :email AND "
                        + (account.credentialEpoch() == 0 ? "(attribute_not_exists(credentialEpoch) OR credentialEpoch = :epoch)" : "credentialEpoch = :epoch"),
                Map.of(":email", AttributeValue.fromS(account.normalizedEmail()),
                        ":epoch", AttributeValue.fromN(Long.toString(account.credentialEpoch())))));
        Condition mine = Condition.of("userId = :user", ":user", account.id());
        tx.delete(AccountItems.email(account.normalizedEmail()), mine);
        if (account.username() != null) {
            tx.delete(AccountItems.username(account.username()), mine);
        }
        try {
            tx.commit();
            return true;
        } catch (TransactionCanceledException changedMeanwhile) {
            return false;
        }
    }
}
