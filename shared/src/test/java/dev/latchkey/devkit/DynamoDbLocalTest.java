package dev.latchkey.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@DisplayName("DynamoDbLocal in this JVM")
class DynamoDbLocalTest {

    @Test
    @DisplayName("shared() is one instance per JVM")
    void sharedIsShared() {
        assertThat(DynamoDbLocal.shared()).isSameAs(DynamoDbLocal.shared());
        assertThat(DynamoDbLocal.shared().endpoint().toString()).startsWith("http://127.0.0.1:");
    }

    @Test
    @DisplayName("a table created from the template has its keys, GSI, stream and TTL, and is ACTIVE")
    void tableFromTemplate() {
        DynamoDbLocal ddb = DynamoDbLocal.shared();
        String table = ddb.createUniqueTable("devkit");
        assertThat(table).startsWith("devkit-");

        TableDescription description = ddb.client().describeTable(r -> r.tableName(table)).table();
        assertThat(description.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(description.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(description.globalSecondaryIndexes()).singleElement()
                .satisfies(gsi -> assertThat(gsi.indexName()).isEqualTo("GSI1"));
        assertThat(description.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(ddb.client().describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription().timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.ENABLED);
    }

    @Test
    @DisplayName("createTable is idempotent, and put then get returns the item")
    void putAndGet() {
        DynamoDbLocal ddb = DynamoDbLocal.shared();
        String table = ddb.createUniqueTable("devkit");
        assertThat(ddb.createTable(table)).isEqualTo(table);

        DynamoDbClient client = ddb.client();
        Map<String, AttributeValue> item = Map.of(
                "pk", AttributeValue.fromS("USER#1"),
                "sk", AttributeValue.fromS("PROFILE"),
                "gsi1pk", AttributeValue.fromS("EMAIL#a@example.com"),
                "gsi1sk", AttributeValue.fromS("EMAIL"),
                "type", AttributeValue.fromS("user"));
        client.putItem(r -> r.tableName(table).item(item));

        Map<String, AttributeValue> read = client.getItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("USER#1"), "sk", AttributeValue.fromS("PROFILE")))
                .consistentRead(true)).item();
        assertThat(read).isEqualTo(item);
        assertThat(client.query(r -> r.tableName(table).indexName("GSI1")
                .keyConditionExpression("gsi1pk = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("EMAIL#a@example.com")))).count())
                .isEqualTo(1);
    }
}
