package dev.latchkey.account.dynamo;

import dev.latchkey.account.Account;
import dev.latchkey.account.AccountRemoval;
import dev.latchkey.auth.AccountPresence;
import dev.latchkey.config.Config;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The profile's existence (read by every authentication) and its removal: the profile and its guards in one
 * transaction. The REMOVE of the profile on the table's stream is what triggers the clean-up of everything else.
 */
@Singleton
public final class DynamoAccountRemoval implements AccountPresence, AccountRemoval {
    private final DynamoDbClient dynamo;
    private final String table;

    @Inject
    public DynamoAccountRemoval(DynamoDbClient dynamo, Config config) {
        this.dynamo = dynamo;
        this.table = config.tableName();
    }

    @Override
    public boolean exists(String userId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(AccountItems.user(userId)))
                .consistentRead(true).projectionExpression("pk")).item();
        return item != null && !item.isEmpty();
    }

    @Override
    public boolean remove(Account account) {
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(delete(AccountItems.user(account.id()),
                "attribute_exists(pk) AND emailNormalized = :email AND "
                        + (account.credentialEpoch() == 0 ? "(attribute_not_exists(credentialEpoch) OR credentialEpoch = :epoch)" : "credentialEpoch = :epoch"),
                Map.of(":email", AttributeValue.fromS(account.normalizedEmail()),
                        ":epoch", AttributeValue.fromN(Long.toString(account.credentialEpoch())))));
        Map<String, AttributeValue> mine = Map.of(":user", AttributeValue.fromS(account.id()));
        items.add(delete(AccountItems.email(account.normalizedEmail()), "userId = :user", mine));
        if (account.username() != null) {
            items.add(delete(AccountItems.username(account.username()), "userId = :user", mine));
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(items));
            return true;
        } catch (TransactionCanceledException changedMeanwhile) {
            return false;
        }
    }

    private TransactWriteItem delete(software.amazon.awssdk.enhanced.dynamodb.Key key, String condition, Map<String, AttributeValue> values) {
        return TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key(key))
                .conditionExpression(condition).expressionAttributeValues(values).build()).build();
    }

    private static Map<String, AttributeValue> key(software.amazon.awssdk.enhanced.dynamodb.Key key) {
        return Map.of("pk", key.partitionKeyValue(), "sk", key.sortKeyValue().orElseThrow());
    }
}
