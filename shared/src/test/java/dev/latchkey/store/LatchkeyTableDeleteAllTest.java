package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.testing.TableScan;
import dev.latchkey.testing.TestConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/** {@link LatchkeyTable#deleteAll} against DynamoDB Local: batches of 25, duplicates sent once, unprocessed items resent, then given up on. */
class LatchkeyTableDeleteAllTest {
    private final String table = DynamoDbLocal.shared().createUniqueTable("deleteall");
    /** Batches sent, and how many of the next responses claim that all of their request came back unprocessed. */
    private final List<Integer> batchSizes = new ArrayList<>();
    private final AtomicInteger unprocessedAnswers = new AtomicInteger();
    private final DynamoDbClient client = DynamoDbClient.builder()
            .region(DynamoDbLocal.REGION)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .endpointOverride(DynamoDbLocal.shared().endpoint())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new Throttling()))
            .build();
    private final LatchkeyTable items = new LatchkeyTable(client, TestConfig.forTable(DynamoDbLocal.shared().endpoint(), table));

    /** Counts BatchWriteItem requests; while armed, answers as DynamoDB does under throttling: everything unprocessed. */
    private final class Throttling implements ExecutionInterceptor {
        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof BatchWriteItemRequest request)) {
                return context.response();
            }
            batchSizes.add(request.requestItems().values().stream().mapToInt(List::size).sum());
            if (unprocessedAnswers.getAndDecrement() <= 0) {
                return context.response();
            }
            return ((BatchWriteItemResponse) context.response()).toBuilder().unprocessedItems(request.requestItems()).build();
        }
    }

    @AfterEach
    void close() {
        client.close();
    }

    private List<Key> put(int count) {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Key key = Keys.key("USER#deleteall", "ITEM#" + String.format("%03d", i));
            items.put(Keys.item(key, "thing"));
            keys.add(key);
        }
        return keys;
    }

    @Test
    @DisplayName("case=60 keys with duplicates and absent ones go in batches of at most 25, each key once; every item is gone, another stays")
    void batchesOfTwentyFive() {
        List<Key> keys = put(60);
        Key other = Keys.key("USER#someone-else", "ITEM#000");
        items.put(Keys.item(other, "thing"));
        List<Key> asked = new ArrayList<>(keys);
        asked.addAll(keys.subList(0, 10)); // duplicates, some in the same batch as their first
        asked.add(2, keys.get(1));
        asked.add(Keys.key("USER#deleteall", "ITEM#none")); // absent: no error

        assertThat(items.deleteAll(asked)).isEqualTo(61);

        assertThat(batchSizes).containsExactly(25, 25, 11);
        assertThat(TableScan.items(table)).extracting(i -> i.get("pk").s() + " " + i.get("sk").s())
                .containsExactly("USER#someone-else ITEM#000");
    }

    @Test
    @DisplayName("case=nothing to delete is no request")
    void nothing() {
        assertThat(items.deleteAll(List.of())).isZero();
        assertThat(batchSizes).isEmpty();
    }

    @Test
    @DisplayName("case=what comes back unprocessed is sent again after a short backoff")
    void unprocessedResent() {
        List<Key> keys = put(30);
        unprocessedAnswers.set(2);

        assertThat(items.deleteAll(keys)).isEqualTo(30);

        assertThat(batchSizes).containsExactly(25, 25, 25, 5);
        assertThat(TableScan.items(table)).isEmpty();
    }

    @Test
    @DisplayName("case=still unprocessed after the last attempt: it throws, for the caller's retry")
    void givesUp() {
        List<Key> keys = put(3);
        unprocessedAnswers.set(Integer.MAX_VALUE);

        assertThatThrownBy(() -> items.deleteAll(keys)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("3 deletes still unprocessed after 6 BatchWriteItem attempts");
        assertThat(batchSizes).hasSize(LatchkeyTable.BATCH_ATTEMPTS);
    }
}
