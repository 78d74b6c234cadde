package dev.latchkey.local.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.LambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The floor with a function's requests: how requests are noted, and that each kind is replayed against DynamoDB Local. */
class BaselineRunnerTest {
    private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("A"), "sk", AttributeValue.fromS("B"));
    private static DynamoDbClient client;
    private static String table;

    @BeforeAll
    static void table() {
        DynamoDbLocal dynamoDb = DynamoDbLocal.shared();
        table = dynamoDb.createUniqueTable("baseline-runner");
        client = dynamoDb.client();
    }

    @Test
    @DisplayName("case=a request's shape: the operation, the kind of each transaction or batch write item, the number of keys read in a batch")
    void shapes() {
        assertThat(DynamoWait.shape(GetItemRequest.builder().tableName("t").key(KEY).build())).isEqualTo("GetItem");
        assertThat(DynamoWait.shape(QueryRequest.builder().tableName("t").build())).isEqualTo("Query");
        assertThat(DynamoWait.shape(TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("t").item(KEY)).build(),
                TransactWriteItem.builder().update(u -> u.tableName("t").key(KEY).updateExpression("SET n = :n")).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("t").key(KEY)).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName("t").key(KEY).conditionExpression("attribute_exists(pk)")).build())
                .build())).isEqualTo("TransactWriteItems:PUDC");
        assertThat(DynamoWait.shape(BatchWriteItemRequest.builder().requestItems(Map.of("t", List.of(
                WriteRequest.builder().deleteRequest(d -> d.key(KEY)).build(),
                WriteRequest.builder().putRequest(p -> p.item(KEY)).build()))).build())).isEqualTo("BatchWriteItem:DP");
        assertThat(DynamoWait.shape(BatchGetItemRequest.builder().requestItems(Map.of(
                "t", KeysAndAttributes.builder().keys(KEY, KEY).build(),
                "u", KeysAndAttributes.builder().keys(KEY).build())).build())).isEqualTo("BatchGetItem:3");
        assertThat(DynamoWait.shape(TransactGetItemsRequest.builder().transactItems(
                TransactGetItem.builder().get(g -> g.tableName("t").key(KEY)).build()).build())).isEqualTo("TransactGetItems:1");
    }

    @Test
    @DisplayName("case=the floor replays every kind of request on its own partition and answers 200 with the number it made")
    void replaysEveryKind() throws Exception {
        String scratch = "FLOOR#test#every-kind";
        client.putItem(r -> r.tableName(table).item(BaselineRunner.Handler.item(scratch, "ITEM")));
        List<String> shapes = List.of("GetItem", "Query", "PutItem", "UpdateItem", "DeleteItem", "TransactWriteItems:PUDC",
                "BatchWriteItem:PPD", "BatchGetItem:3", "TransactGetItems:2", "GetItem");
        BaselineRunner.Handler handler = new BaselineRunner.Handler(client, table, shapes, scratch);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), out,
                new LambdaContext("FloorFunction", 1024, 15));

        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"statusCode\":200,").contains("{\\\"requests\\\":10}");
        // what the writes left: the item the harness put (updated), PutItem's, the transaction's put and update, the batch's two puts
        List<String> sortKeys = client.query(r -> r.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(scratch))))
                .items().stream().map(i -> i.get("sk").s()).sorted().toList();
        assertThat(sortKeys).containsExactly("BP#6#0", "BP#6#1", "ITEM", "P#5#0", "PUT#2", "U#5#1");
    }

    @Test
    @DisplayName("case=a request the floor cannot replay fails loudly instead of being skipped")
    void unknownShape() {
        BaselineRunner.Handler handler = new BaselineRunner.Handler(client, table, List.of("Scan"), "FLOOR#test#unknown");
        assertThatThrownBy(() -> handler.replay(List.of("Scan"), "FLOOR#test#unknown"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Scan");
        assertThatThrownBy(() -> handler.replay(List.of("TransactWriteItems:PX"), "FLOOR#test#unknown"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TransactWriteItems:PX");
    }
}
