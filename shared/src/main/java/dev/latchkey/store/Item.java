package dev.latchkey.store;

import java.util.HashMap;
import java.util.Map;

/**
 * One row of the single table, as the Enhanced Client sees it. Each item type has its own static
 * schema in {@link Schemas} naming the attributes it carries; getters and setters are lambdas over
 * this map, so nothing is reflected at start-up.
 */
public final class Item {
    private final Map<String, Object> values = new HashMap<>();

    public String str(String name) {
        return (String) values.get(name);
    }

    public Boolean bool(String name) {
        return (Boolean) values.get(name);
    }

    public Long num(String name) {
        return (Long) values.get(name);
    }

    public Item set(String name, Object value) {
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, value);
        }
        return this;
    }

    Object get(String name) {
        return values.get(name);
    }
}
