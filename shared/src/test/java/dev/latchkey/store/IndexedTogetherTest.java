package dev.latchkey.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.testing.TestConfig;
import dev.latchkey.wiring.IndexedTogether;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** {@link LatchkeyTable#indexedTogether} and {@link IndexedTogether}: several listings of one user, one query. */
class IndexedTogetherTest {
    private static final AtomicInteger QUERIES = new AtomicInteger();
    private static DynamoDbClient client;
    private static LatchkeyTable table;

    @BeforeAll
    static void table() {
        DynamoDbLocal dynamo = DynamoDbLocal.shared();
        String name = dynamo.createUniqueTable("together");
        client = DynamoDbClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(dynamo.endpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof QueryRequest) {
                            QUERIES.incrementAndGet();
                        }
                    }
                }))
                .build();
        table = new LatchkeyTable(client, TestConfig.forTable(dynamo.endpoint(), name));
        for (String[] item : new String[][] {
                {"ada", "MEMBER#b"}, {"ada", "MEMBER#a"}, {"ada", "APIKEY#2026-01-01#k1"}, {"ada", "SESSION#2026-01-02#s1"},
                {"ada", "SESSION#2026-01-03#s2"}, {"bob", "MEMBER#c"}}) {
            table.put(Keys.item(Keys.key("X#" + item[0] + item[1], "X"), "test")
                    .set("gsi1pk", Keys.userPartition(item[0])).set("gsi1sk", item[1]));
        }
    }

    @AfterAll
    static void close() {
        client.close();
    }

    private static List<String> sks(List<Item> items) {
        return items.stream().map(i -> i.str("gsi1sk")).toList();
    }

    @Test
    @DisplayName("case=inside the block, three listings of one user are one query with the answers the three queries give")
    void oneQueryForThreeListings() {
        String ada = Keys.userPartition("ada");
        QUERIES.set(0);
        List<String> alone = List.of(sks(table.indexed(ada, "MEMBER#", false)), sks(table.indexed(ada, "APIKEY#")),
                sks(table.indexed(ada, "SESSION#"))).stream().flatMap(List::stream).toList();
        assertThat(QUERIES.get()).isEqualTo(3);
        assertThat(alone).containsExactly("MEMBER#a", "MEMBER#b", "APIKEY#2026-01-01#k1", "SESSION#2026-01-03#s2", "SESSION#2026-01-02#s1");

        QUERIES.set(0);
        List<String> together = new IndexedTogether(table).together("ada", () -> List.of(sks(table.indexed(ada, "MEMBER#", false)),
                sks(table.indexed(ada, "APIKEY#")), sks(table.indexed(ada, "SESSION#"))).stream().flatMap(List::stream).toList());
        assertThat(QUERIES.get()).isEqualTo(1);
        assertThat(together).isEqualTo(alone);
    }

    @Test
    @DisplayName("case=the block reads nothing unless a listing is asked for; another user's listing inside it is its own query; after it, listings read again")
    void scopedToTheUserAndTheBlock() {
        String ada = Keys.userPartition("ada");
        QUERIES.set(0);
        assertThat(table.indexedTogether(ada, () -> "nothing listed")).isEqualTo("nothing listed");
        assertThat(QUERIES.get()).isZero();

        List<String> bobs = table.indexedTogether(ada, () -> {
            table.indexed(ada, "MEMBER#");
            // nested for bob: bob's own partition, and ada's still answered from the first read
            return table.indexedTogether(Keys.userPartition("bob"), () -> {
                assertThat(sks(table.indexed(ada, "SESSION#"))).hasSize(2);
                return sks(table.indexed(Keys.userPartition("bob"), "MEMBER#"));
            });
        });
        assertThat(bobs).containsExactly("MEMBER#c");
        assertThat(QUERIES.get()).isEqualTo(2);

        table.put(Keys.item(Keys.key("X#adaMEMBER#z", "X"), "test").set("gsi1pk", ada).set("gsi1sk", "MEMBER#z"));
        try {
            QUERIES.set(0);
            assertThat(sks(table.indexed(ada, "MEMBER#", false))).containsExactly("MEMBER#a", "MEMBER#b", "MEMBER#z");
            assertThat(QUERIES.get()).isEqualTo(1);
        } finally {
            table.delete(Keys.key("X#adaMEMBER#z", "X"));
        }
    }

    @Test
    @DisplayName("case=a block that throws leaves no partition behind for the thread's next listing")
    void closedWhenTheBlockThrows() {
        String ada = Keys.userPartition("ada");
        try {
            table.indexedTogether(ada, () -> {
                table.indexed(ada, "MEMBER#");
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessage("boom");
        }
        QUERIES.set(0);
        table.indexed(ada, "MEMBER#");
        assertThat(QUERIES.get()).isEqualTo(1);
    }
}
