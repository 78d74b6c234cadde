package dev.latchkey.testing;

import dev.latchkey.devkit.DynamoDbLocal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** Everything in a test table, for assertions about what is (not) stored. */
public final class TableScan {
    private TableScan() {
    }

    public static List<Map<String, AttributeValue>> items(String table) {
        return DynamoDbLocal.shared().client().scanPaginator(ScanRequest.builder().tableName(table).consistentRead(true).build())
                .items().stream().toList();
    }

    public static List<Map<String, AttributeValue>> itemsOfType(String table, String type) {
        return items(table).stream().filter(i -> i.containsKey("type") && type.equals(i.get("type").s())).toList();
    }

    /** True when any attribute of any item contains {@code secret}. */
    public static boolean contains(String table, String secret) {
        return items(table).stream().flatMap(i -> i.values().stream()).anyMatch(v -> String.valueOf(v).contains(secret));
    }
}
