package dev.keel.api.codec.protobuf;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the wire held for one field of one message, before it becomes JSON. Proto semantics: the last occurrence of a
 * single scalar wins, occurrences of a single message merge (their bytes concatenate), lists append and map entries
 * with the same key replace each other. Map keys are kept sorted, the order Go writes JSON maps in.
 */
final class FieldValues {

    private Object single;
    private final List<Object> list = new ArrayList<>();
    private final Map<String, Object> map = new TreeMap<>();

    void set(Object value) {
        single = value;
    }

    void merge(ByteString message) {
        single = single == null ? message : ((ByteString) single).concat(message);
    }

    void add(Object value) {
        list.add(value);
    }

    void put(String key, Object value) {
        map.put(key, value);
    }

    Object single() {
        return single;
    }

    List<Object> list() {
        return list;
    }

    Map<String, Object> map() {
        return map;
    }
}
