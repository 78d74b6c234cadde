package dev.latchkey.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The primary key of an item: {@code pk} and {@code sk}, both strings. */
public record Key(String pk, String sk) {
    /** The key as DynamoDB takes it. */
    public Map<String, AttributeValue> attributes() {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
    }
}
