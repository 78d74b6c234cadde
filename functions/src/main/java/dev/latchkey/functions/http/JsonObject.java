package dev.latchkey.functions.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON object: fields in the order they were put. Built by {@link Views} and {@link Responses}, read back from
 * {@link Json#parse}. {@link #get} tells an absent field (Java {@code null}) from a JSON {@code null}
 * ({@link Json#NULL}); a Java {@code null} put into it is written as JSON {@code null}.
 */
public final class JsonObject {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    public JsonObject put(String name, String value) {
        return set(name, value);
    }

    public JsonObject put(String name, boolean value) {
        return set(name, value);
    }

    public JsonObject put(String name, long value) {
        return set(name, value);
    }

    public JsonObject put(String name, JsonObject value) {
        return set(name, value);
    }

    public JsonObject put(String name, List<?> value) {
        return set(name, value);
    }

    JsonObject set(String name, Object value) {
        fields.put(name, value);
        return this;
    }

    /** The value, {@link Json#NULL} for a JSON null, or null when the field is absent. */
    public Object get(String name) {
        return fields.get(name);
    }

    public Iterable<String> names() {
        return Collections.unmodifiableSet(fields.keySet());
    }

    Map<String, Object> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return Json.write(this);
    }
}
