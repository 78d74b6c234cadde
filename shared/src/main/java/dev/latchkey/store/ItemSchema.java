package dev.latchkey.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Static (non-reflective) schemas of {@link Item}s: every item has {@code pk}, {@code sk} and
 * {@code type}; a feature names the attributes its item type carries. Each feature keeps its own
 * schemas beside its adapter; docs/data-model.md lists them all.
 */
public final class ItemSchema {
    public static final String GSI1 = "GSI1";

    private final StaticTableSchema.Builder<Item> builder;

    private ItemSchema(boolean gsi1) {
        builder = StaticTableSchema.builder(Item.class)
                .newItemSupplier(Item::new)
                .addAttribute(String.class, a -> a.name("pk").getter(i -> i.str("pk")).setter((i, v) -> i.set("pk", v)).tags(primaryPartitionKey()))
                .addAttribute(String.class, a -> a.name("sk").getter(i -> i.str("sk")).setter((i, v) -> i.set("sk", v)).tags(primarySortKey()));
        strings("type");
        if (gsi1) {
            builder.addAttribute(String.class, a -> a.name("gsi1pk").getter(i -> i.str("gsi1pk")).setter((i, v) -> i.set("gsi1pk", v)).tags(secondaryPartitionKey(GSI1)))
                    .addAttribute(String.class, a -> a.name("gsi1sk").getter(i -> i.str("gsi1sk")).setter((i, v) -> i.set("gsi1sk", v)).tags(secondarySortKey(GSI1)));
        }
    }

    /** An item type keyed by {@code pk}/{@code sk} only. */
    public static ItemSchema keyed() {
        return new ItemSchema(false);
    }

    /** An item type that is also in GSI1 ({@code gsi1pk}/{@code gsi1sk}). */
    public static ItemSchema withGsi1() {
        return new ItemSchema(true);
    }

    public ItemSchema strings(String... names) {
        for (String name : names) {
            builder.addAttribute(String.class, a -> a.name(name).getter(i -> i.str(name)).setter((i, v) -> i.set(name, v)));
        }
        return this;
    }

    public ItemSchema numbers(String... names) {
        for (String name : names) {
            builder.addAttribute(Long.class, a -> a.name(name).getter(i -> i.num(name)).setter((i, v) -> i.set(name, v)));
        }
        return this;
    }

    public ItemSchema booleans(String... names) {
        for (String name : names) {
            builder.addAttribute(Boolean.class, a -> a.name(name).getter(i -> i.bool(name)).setter((i, v) -> i.set(name, v)));
        }
        return this;
    }

    public StaticTableSchema<Item> build() {
        return builder.build();
    }
}
