package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * One {@code metadata.managedFields} entry: who ({@code manager}, {@code operation}, {@code subresource}) owns
 * which fields ({@code fieldsV1}) since when. An entry read from an object keeps its JSON, so entries a write
 * does not touch are stored back byte for byte.
 */
final class ManagedFieldsEntry {

    static final String APPLY = "Apply";
    static final String UPDATE = "Update";

    private final String manager;
    private final String operation;
    private final String apiVersion;
    private final String time;
    private final String subresource;
    private final FieldSet fields;
    private final ObjectNode json;

    private ManagedFieldsEntry(String manager, String operation, String apiVersion, String time, String subresource,
            FieldSet fields, ObjectNode json) {
        this.manager = manager;
        this.operation = operation;
        this.apiVersion = apiVersion;
        this.time = time;
        this.subresource = subresource == null || subresource.isEmpty() ? null : subresource;
        this.fields = fields;
        this.json = json;
    }

    static ManagedFieldsEntry of(String manager, String operation, String apiVersion, String time, String subresource,
            FieldSet fields) {
        return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, fields, null);
    }

    /** @throws IllegalArgumentException when {@code node} is not a valid entry */
    static ManagedFieldsEntry fromJson(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new IllegalArgumentException("a managedFields entry must be an object");
        }
        String operation = text(object, "operation");
        if (!APPLY.equals(operation) && !UPDATE.equals(operation)) {
            throw new IllegalArgumentException("managedFields operation must be `Apply` or `Update`, got " + operation);
        }
        String apiVersion = text(object, "apiVersion");
        if (apiVersion == null || apiVersion.isEmpty()) {
            throw new IllegalArgumentException("managedFields apiVersion must not be empty");
        }
        String fieldsType = text(object, "fieldsType");
        if (fieldsType != null && !fieldsType.equals("FieldsV1")) {
            throw new IllegalArgumentException("managedFields fieldsType must be FieldsV1, got " + fieldsType);
        }
        String manager = text(object, "manager");
        return new ManagedFieldsEntry(manager == null ? "" : manager, operation, apiVersion, text(object, "time"),
                text(object, "subresource"), FieldSet.fromFieldsV1(object.get("fieldsV1")), object);
    }

    private static String text(ObjectNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** The entry as stored: a copy of its original JSON when nothing changed. */
    ObjectNode toJson() {
        if (json != null) {
            return json.deepCopy();
        }
        ObjectNode out = JsonValues.NODES.objectNode();
        out.put("manager", manager);
        out.put("operation", operation);
        out.put("apiVersion", apiVersion);
        if (time != null) {
            out.put("time", time);
        }
        out.put("fieldsType", "FieldsV1");
        out.set("fieldsV1", fields.toFieldsV1());
        if (subresource != null) {
            out.put("subresource", subresource);
        }
        return out;
    }

    /** This entry owning {@code newFields}; unchanged (same JSON) when the set is the same. */
    ManagedFieldsEntry withFields(FieldSet newFields) {
        return newFields.equals(fields) ? this
                : new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, newFields, null);
    }

    ManagedFieldsEntry withFieldsAndTime(FieldSet newFields, String newTime) {
        return newFields.equals(fields) && Objects.equals(time, newTime) ? this
                : new ManagedFieldsEntry(manager, operation, apiVersion, newTime, subresource, newFields, null);
    }

    /**
     * Whether this entry is the one {@code manager} writes with {@code operation} through {@code subresource}.
     * As in Kubernetes, appliers keep one entry whatever version they apply; updaters one per version.
     */
    boolean isFor(String manager, String operation, String apiVersion, String subresource) {
        String sub = subresource == null || subresource.isEmpty() ? null : subresource;
        return this.manager.equals(manager) && this.operation.equals(operation) && Objects.equals(this.subresource, sub)
                && (operation.equals(APPLY) || this.apiVersion.equals(apiVersion));
    }

    boolean isUpdate() {
        return operation.equals(UPDATE);
    }

    String manager() {
        return manager;
    }

    String operation() {
        return operation;
    }

    String apiVersion() {
        return apiVersion;
    }

    String time() {
        return time;
    }

    String subresource() {
        return subresource;
    }

    FieldSet fields() {
        return fields;
    }
}
