package dev.latchkey.store;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A condition expression with its placeholders' names ({@code #…}) and values ({@code :…}). */
public record Condition(String expression, Map<String, String> names, Map<String, AttributeValue> values) {
    /** The item is not there (yet). */
    public static final Condition NEW_ITEM = of("attribute_not_exists(pk)");
    /** The item is there. */
    public static final Condition EXISTS = of("attribute_exists(pk)");

    public static Condition of(String expression) {
        return new Condition(expression, Map.of(), Map.of());
    }

    public static Condition of(String expression, Map<String, AttributeValue> values) {
        return new Condition(expression, Map.of(), values);
    }

    /** {@code expression} with one value, {@code placeholder}, a string. */
    public static Condition of(String expression, String placeholder, String value) {
        return of(expression, Map.of(placeholder, AttributeValue.fromS(value)));
    }

    /** This condition and {@code expression}, which uses one more value, a string. */
    public Condition and(String expression, String placeholder, String value) {
        Map<String, AttributeValue> more = new HashMap<>(values);
        more.put(placeholder, AttributeValue.fromS(value));
        return new Condition(this.expression + " AND " + expression, names, more);
    }
}
