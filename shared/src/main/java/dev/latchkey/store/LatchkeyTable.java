package dev.latchkey.store;

import dev.latchkey.config.Config;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchGetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;

/**
 * The one table. Features take typed views of it with their own item schemas ({@link #view});
 * it lists none of them.
 */
@Singleton
public final class LatchkeyTable {
    private final DynamoDbEnhancedClient client;
    private final String name;

    @Inject
    public LatchkeyTable(DynamoDbEnhancedClient client, Config config) {
        this.client = client;
        this.name = config.tableName();
    }

    public DynamoDbEnhancedClient client() {
        return client;
    }

    public String name() {
        return name;
    }

    /** The table as items of one schema. */
    public DynamoDbTable<Item> view(TableSchema<Item> schema) {
        return client.table(name, schema);
    }

    /**
     * The items at {@code keys} that exist, read with BatchGetItem, eventually consistent (half the cost: for what is
     * shown, never for what is decided), 100 keys a request; unprocessed keys are asked again. Order is not kept.
     */
    public List<Item> getAll(DynamoDbTable<Item> view, List<Key> keys) {
        List<Item> found = new java.util.ArrayList<>(keys.size());
        for (int from = 0; from < keys.size(); from += 100) {
            ReadBatch.Builder<Item> batch = ReadBatch.builder(Item.class).mappedTableResource(view);
            for (Key key : keys.subList(from, Math.min(keys.size(), from + 100))) {
                batch.addGetItem(GetItemEnhancedRequest.builder().key(key).consistentRead(false).build());
            }
            client.batchGetItem(BatchGetItemEnhancedRequest.builder().readBatches(batch.build()).build())
                    .resultsForTable(view).forEach(found::add);
        }
        return found;
    }

    /**
     * The items under {@code pk} whose sort key starts with {@code skPrefix}, read strongly
     * consistently: how a feature finds everything it keeps under a user without the lagging index.
     */
    public static List<Item> under(DynamoDbTable<Item> view, String pk, String skPrefix) {
        QueryEnhancedRequest query = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortBeginsWith(Key.builder().partitionValue(pk).sortValue(skPrefix).build()))
                .consistentRead(true)
                .build();
        return view.query(query).stream().flatMap(page -> page.items().stream()).toList();
    }
}
