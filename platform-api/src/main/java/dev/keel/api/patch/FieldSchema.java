package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the merge engines need to know about one field of a kind: for objects, the schemas of its declared
 * fields and whether it is owned as a whole; for lists, how a strategic merge patch merges them
 * ({@code patchStrategy}/{@code patchMergeKey}) and how server-side apply identifies their items
 * ({@code listType}/{@code listMapKey}). The two views differ for a few fields, which is why both are kept.
 * A field nobody declared is {@link #GENERIC}: an object merged key by key, lists replaced whole.
 */
final class FieldSchema {

    /** How server-side apply treats a list. */
    enum ListType {
        /** Replaced and owned as a whole. */
        ATOMIC,
        /** A set of scalars, each value owned on its own. */
        SET,
        /** Objects identified by the values of their key fields. */
        MAP
    }

    static final FieldSchema GENERIC = new FieldSchema(Map.of(), false, false, null, ListType.ATOMIC, List.of(), Map.of(), null);

    private final Map<String, FieldSchema> fields;
    private final boolean atomic;
    private final boolean mergeList;
    private final String mergeKey;
    private final ListType listType;
    private final List<String> listKeys;
    private final Map<String, JsonNode> keyDefaults;
    private final FieldSchema element;

    private FieldSchema(Map<String, FieldSchema> fields, boolean atomic, boolean mergeList, String mergeKey, ListType listType,
            List<String> listKeys, Map<String, JsonNode> keyDefaults, FieldSchema element) {
        this.fields = fields;
        this.atomic = atomic;
        this.mergeList = mergeList;
        this.mergeKey = mergeKey;
        this.listType = listType;
        this.listKeys = listKeys;
        this.keyDefaults = keyDefaults;
        this.element = element;
    }

    /** An object with declared fields; see {@link Builder}. */
    static Builder object() {
        return new Builder();
    }

    /** A struct or map that server-side apply owns and replaces as a whole ({@code structType/mapType=atomic}). */
    static FieldSchema atomicObject() {
        return new FieldSchema(Map.of(), true, false, null, ListType.ATOMIC, List.of(), Map.of(), null);
    }

    /** A list both engines replace as a whole: no patch strategy, {@code listType=atomic}. */
    static FieldSchema atomicList() {
        return GENERIC;
    }

    /**
     * A list of objects merged by one key in both engines ({@code patchStrategy:"merge" patchMergeKey:key},
     * {@code listType=map listMapKey=key}).
     */
    static FieldSchema keyedList(String key, FieldSchema element) {
        return new FieldSchema(Map.of(), false, true, key, ListType.MAP, List.of(key), Map.of(), element);
    }

    static FieldSchema keyedList(String key) {
        return keyedList(key, GENERIC);
    }

    /** A list of scalars merged as a set in both engines ({@code patchStrategy:"merge"}, {@code listType=set}). */
    static FieldSchema primitiveSet() {
        return new FieldSchema(Map.of(), false, true, null, ListType.SET, List.of(), Map.of(), GENERIC);
    }

    /** A set for server-side apply that strategic merge patch replaces (no patch strategy). */
    static FieldSchema applySet() {
        return new FieldSchema(Map.of(), false, false, null, ListType.SET, List.of(), Map.of(), GENERIC);
    }

    /** A keyed list for server-side apply that strategic merge patch replaces (no patch strategy). */
    static FieldSchema applyKeyedList(String key, FieldSchema element) {
        return new FieldSchema(Map.of(), false, false, null, ListType.MAP, List.of(key), Map.of(), element);
    }

    /** A list strategic merge patch merges by key but server-side apply treats as atomic. */
    static FieldSchema patchKeyedList(String key) {
        return new FieldSchema(Map.of(), false, true, key, ListType.ATOMIC, List.of(), Map.of(), GENERIC);
    }

    /** This keyed list with more key fields for server-side apply, e.g. {@code containerPort} and {@code protocol}. */
    FieldSchema withApplyKeys(String... keys) {
        return new FieldSchema(fields, atomic, mergeList, mergeKey, listType, List.of(keys), keyDefaults, element);
    }

    /** This keyed list where an item without {@code key} is identified as if it had the default value. */
    FieldSchema withKeyDefault(String key, String value) {
        Map<String, JsonNode> defaults = new LinkedHashMap<>(keyDefaults);
        defaults.put(key, TextNode.valueOf(value));
        return new FieldSchema(fields, atomic, mergeList, mergeKey, listType, listKeys, Map.copyOf(defaults), element);
    }

    /** The schema of a field of this object; {@link #GENERIC} for fields not declared. */
    FieldSchema field(String name) {
        FieldSchema schema = fields.get(name);
        return schema == null ? GENERIC : schema;
    }

    boolean isAtomicObject() {
        return atomic;
    }

    /** Whether strategic merge patch merges this list instead of replacing it. */
    boolean isMergeList() {
        return mergeList;
    }

    /** The strategic merge key of a merged list of objects; null for a merged list of scalars. */
    String mergeKey() {
        return mergeKey;
    }

    ListType listType() {
        return listType;
    }

    List<String> listKeys() {
        return listKeys;
    }

    /** The value a missing key field is taken to have, or null. */
    JsonNode keyDefault(String key) {
        return keyDefaults.get(key);
    }

    /** The schema of this list's items. */
    FieldSchema element() {
        return element == null ? GENERIC : element;
    }

    /** Collects the declared fields of an object schema. */
    static final class Builder {

        private final Map<String, FieldSchema> fields = new LinkedHashMap<>();

        Builder with(String name, FieldSchema schema) {
            fields.put(name, schema);
            return this;
        }

        Builder with(String name, Builder schema) {
            return with(name, schema.build());
        }

        FieldSchema build() {
            return new FieldSchema(Map.copyOf(fields), false, false, null, ListType.ATOMIC, List.of(), Map.of(), null);
        }
    }
}
