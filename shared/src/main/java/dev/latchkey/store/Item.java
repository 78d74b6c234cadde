package dev.latchkey.store;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One row of the single table as a map of attribute values. Strings are stored as {@code S}, numbers
 * ({@code Long}) as {@code N}, booleans as {@code BOOL}; a null value is no attribute at all. Each
 * feature's adapter names the attributes its item types carry (docs/data-model.md).
 */
public final class Item {
    private final Map<String, AttributeValue> values;

    public Item() {
        this.values = new HashMap<>();
    }

    private Item(Map<String, AttributeValue> stored) {
        this.values = stored;
    }

    /** The item DynamoDB returned, or null for none (an empty or absent map). */
    public static Item stored(Map<String, AttributeValue> stored) {
        return stored == null || stored.isEmpty() ? null : new Item(stored);
    }

    public String str(String name) {
        AttributeValue value = values.get(name);
        return value == null ? null : value.s();
    }

    public Boolean bool(String name) {
        AttributeValue value = values.get(name);
        return value == null ? null : value.bool();
    }

    public Long num(String name) {
        AttributeValue value = values.get(name);
        return value == null || value.n() == null ? null : Long.valueOf(value.n());
    }

    /** Sets a {@code String}, {@code Boolean} or {@code Long} attribute; null removes it. */
    public Item set(String name, Object value) {
        // an if chain, not a pattern switch: that one's bootstrap costs a cold start classes
        if (value == null) {
            values.remove(name);
        } else if (value instanceof String s) {
            values.put(name, AttributeValue.fromS(s));
        } else if (value instanceof Boolean b) {
            values.put(name, AttributeValue.fromBool(b));
        } else if (value instanceof Long n) {
            values.put(name, AttributeValue.fromN(Long.toString(n)));
        } else {
            throw new IllegalArgumentException(name + ": not a String, Boolean or Long: " + value.getClass().getName());
        }
        return this;
    }

    public Key key() {
        return new Key(str("pk"), str("sk"));
    }

    Map<String, AttributeValue> attributes() {
        return values;
    }
}
