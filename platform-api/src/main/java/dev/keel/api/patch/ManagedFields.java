package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The managed-fields entries of an object. Changes are tracked so that an object whose ownership did not
 * change gets its original {@code managedFields} list back, in its original order.
 */
final class ManagedFields {

    /** Kubernetes' order: Apply entries before Update entries, then oldest first, then by name. */
    private static final Comparator<ManagedFieldsEntry> ORDER = Comparator
            .comparing(ManagedFieldsEntry::operation)
            .thenComparingLong(entry -> epochSeconds(entry.time()))
            .thenComparing(ManagedFieldsEntry::manager)
            .thenComparing(ManagedFieldsEntry::apiVersion)
            .thenComparing(entry -> entry.subresource() == null ? "" : entry.subresource());

    private final List<ManagedFieldsEntry> entries;
    private final JsonNode original;
    private boolean changed;

    private ManagedFields(List<ManagedFieldsEntry> entries, JsonNode original) {
        this.entries = entries;
        this.original = original;
    }

    static ManagedFields empty() {
        return new ManagedFields(new ArrayList<>(), null);
    }

    /**
     * Reads {@code metadata.managedFields} of {@code object}.
     *
     * @throws IllegalArgumentException when the list or an entry is malformed
     */
    static ManagedFields of(JsonNode object) {
        JsonNode list = object == null ? null : object.path("metadata").get("managedFields");
        return read(list);
    }

    /** @throws IllegalArgumentException when {@code list} is not a valid managedFields list */
    static ManagedFields read(JsonNode list) {
        if (list == null || list.isNull()) {
            return empty();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("metadata.managedFields must be a list");
        }
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        for (JsonNode node : list) {
            entries.add(ManagedFieldsEntry.fromJson(node));
        }
        return new ManagedFields(entries, list);
    }

    List<ManagedFieldsEntry> entries() {
        return List.copyOf(entries);
    }

    /** The entry {@code manager} writes with {@code operation}, or null. */
    ManagedFieldsEntry find(String manager, String operation, String apiVersion, String subresource) {
        for (ManagedFieldsEntry entry : entries) {
            if (entry.isFor(manager, operation, apiVersion, subresource)) {
                return entry;
            }
        }
        return null;
    }

    /** Every field owned by an entry other than {@code except}. */
    FieldSet ownedByOthers(ManagedFieldsEntry except) {
        FieldSet owned = FieldSet.empty();
        for (ManagedFieldsEntry entry : entries) {
            if (entry != except) {
                owned = owned.union(entry.fields());
            }
        }
        return owned;
    }

    /** Replaces each entry but {@code except} by {@code change} of it. */
    void updateOthers(ManagedFieldsEntry except, UnaryOperator<ManagedFieldsEntry> change) {
        for (int i = 0; i < entries.size(); i++) {
            ManagedFieldsEntry entry = entries.get(i);
            if (entry != except) {
                ManagedFieldsEntry updated = change.apply(entry);
                if (updated != entry) {
                    entries.set(i, updated);
                    changed = true;
                }
            }
        }
    }

    /** Puts {@code replacement} in place of {@code previous} (or adds it when {@code previous} is null). */
    void put(ManagedFieldsEntry previous, ManagedFieldsEntry replacement) {
        if (previous == replacement) {
            return;
        }
        int at = previous == null ? -1 : entries.indexOf(previous);
        if (at < 0) {
            entries.add(replacement);
        } else {
            entries.set(at, replacement);
        }
        changed = true;
    }

    /** Writes the entries into {@code object}'s metadata; an entry that owns nothing is dropped. */
    void writeTo(ObjectNode object) {
        ObjectNode metadata = object.withObjectProperty("metadata");
        if (!changed && original != null) {
            metadata.set("managedFields", original.deepCopy());
            return;
        }
        List<ManagedFieldsEntry> kept = new ArrayList<>();
        for (ManagedFieldsEntry entry : entries) {
            if (!entry.fields().isEmpty()) {
                kept.add(entry);
            }
        }
        if (kept.isEmpty()) {
            metadata.remove("managedFields");
            return;
        }
        kept.sort(ORDER);
        ArrayNode list = metadata.putArray("managedFields");
        kept.forEach(entry -> list.add(entry.toJson()));
    }

    private static long epochSeconds(String time) {
        if (time == null) {
            return 0;
        }
        try {
            return Instant.parse(time).getEpochSecond();
        } catch (DateTimeParseException e) {
            // An unparsable time sorts like a missing one, as Kubernetes treats entries without a time.
            return 0;
        }
    }
}
