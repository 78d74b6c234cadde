package dev.latchkey.store;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.UpdateItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** What sessions and API keys share: listing a user's credentials through GSI1, and recording their use. */
public final class UsageIndex {
    private static final Logger LOG = LoggerFactory.getLogger(UsageIndex.class);

    private UsageIndex() {
    }

    /** The user's items whose GSI1 sort key starts with {@code prefix}, newest first. */
    public static Stream<Item> ofUser(DynamoDbTable<Item> table, String userId, String prefix) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(Keys.userPartition(userId)).sortValue(prefix).build()))
                .scanIndexForward(false)
                .build();
        return table.index(ItemSchema.GSI1).query(query).stream().flatMap(page -> page.items().stream());
    }

    /**
     * Sets {@code attribute} to {@code now} on the item at {@code key}, unless it is already later than
     * {@code after} or the item is gone: one conditional write, and none when another request won.
     */
    public static void touch(DynamoDbTable<Item> table, Key key, String type, String attribute, Instant now, Instant after) {
        Item update = Keys.item(key, type).set(attribute, Times.format(now));
        try {
            table.updateItem(UpdateItemEnhancedRequest.builder(Item.class)
                    .item(update)
                    .ignoreNulls(true)
                    .conditionExpression(Expression.builder()
                            .expression("attribute_exists(pk) AND (attribute_not_exists(#at) OR #at < :after)")
                            .expressionNames(Map.of("#at", attribute))
                            .expressionValues(Map.of(":after", AttributeValue.fromS(Times.format(after))))
                            .build())
                    .build());
        } catch (ConditionalCheckFailedException alreadyRecordedOrGone) {
            // another request recorded the use, or the credential ended meanwhile
        } catch (SdkException bookkeepingFailed) {
            // lastSeenAt/lastUsedAt is bookkeeping: a throttled or failed write must not fail authentication
            LOG.warn("could not record credential use ({})", bookkeepingFailed.getClass().getSimpleName());
        }
    }
}
