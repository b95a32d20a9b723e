package dev.keel.api.codec.protobuf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A proto message: its fields in Go struct order (the order JSON is written in) and indexed by number.
 */
record MessageSpec(String name, List<FieldSpec> fields, Map<Integer, FieldSpec> byNumber) {

    MessageSpec(String name, List<FieldSpec> fields) {
        this(name, List.copyOf(fields), index(name, fields));
    }

    /** The field with this number, or null when the schema does not know it (it is then skipped). */
    FieldSpec field(int number) {
        return byNumber.get(number);
    }

    private static Map<Integer, FieldSpec> index(String name, List<FieldSpec> fields) {
        Map<Integer, FieldSpec> byNumber = new LinkedHashMap<>();
        for (FieldSpec field : fields) {
            if (byNumber.put(field.number(), field) != null) {
                throw new IllegalArgumentException(name + " declares field number " + field.number() + " twice");
            }
        }
        return Map.copyOf(byNumber);
    }
}
