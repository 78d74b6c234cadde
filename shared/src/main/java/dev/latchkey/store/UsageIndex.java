package dev.latchkey.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** What sessions and API keys share: listing a user's credentials through GSI1, and recording their use. */
public final class UsageIndex {
    private static final Logger LOG = LoggerFactory.getLogger(UsageIndex.class);

    private UsageIndex() {
    }

    /** The user's items whose GSI1 sort key starts with {@code prefix}, newest first. */
    public static List<Item> ofUser(LatchkeyTable table, String userId, String prefix) {
        return table.indexed(Keys.userPartition(userId), prefix);
    }

    /**
     * Sets {@code attribute} to {@code now} on the item at {@code key}, unless it is already later than
     * {@code after} or the item is gone: one conditional write, and none when another request won.
     */
    public static void touch(LatchkeyTable table, Key key, String type, String attribute, Instant now, Instant after) {
        try {
            table.update(Keys.item(key, type).set(attribute, Times.format(now)), new Condition(
                    "attribute_exists(pk) AND (attribute_not_exists(#at) OR #at < :after)",
                    Map.of("#at", attribute), Map.of(":after", AttributeValue.fromS(Times.format(after)))));
        } catch (ConditionalCheckFailedException alreadyRecordedOrGone) {
            // another request recorded the use, or the credential ended meanwhile
        } catch (SdkException bookkeepingFailed) {
            // lastSeenAt/lastUsedAt is bookkeeping: a throttled or failed write must not fail authentication
            LOG.warn("could not record credential use ({})", bookkeepingFailed.getClass().getSimpleName());
        }
    }
}
