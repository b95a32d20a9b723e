package dev.keel.api.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.ApiException;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.StatusCause;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side apply and field ownership on {@code metadata.managedFields}, close to what kubectl expects from
 * Kubernetes:
 * <ul>
 *   <li>an apply owns exactly the fields of its configuration (one {@code Apply} entry per manager); fields
 *       it owned before and no longer sets are removed unless another manager owns them</li>
 *   <li>changing a field another manager owns is a 409 conflict naming each field, unless forced, which
 *       moves the field to the applier</li>
 *   <li>ordinary writes ({@code Update}) take the fields they change from everybody else</li>
 * </ul>
 * Entries keep their time while their field set is unchanged, so an apply that changes nothing produces the
 * identical object and the write is skipped.
 */
public class ManagedFieldsServerSideApply implements ServerSideApply {

    private static final Logger log = LoggerFactory.getLogger(ManagedFieldsServerSideApply.class);

    private final Clock clock;

    public ManagedFieldsServerSideApply(Clock clock) {
        this.clock = clock;
    }

    @Override
    public ObjectNode apply(ObjectNode live, ObjectNode applied, ResourceType type, String manager, boolean force) {
        FieldSchema schema = PatchStrategies.forType(type);
        JsonNode sentManagedFields = applied.path("metadata").get("managedFields");
        if (sentManagedFields != null && !sentManagedFields.isNull()) {
            throw PatchErrors.badRequest("metadata.managedFields must be nil");
        }
        FieldSet fields = appliedFields(applied, schema, type);
        if (live == null) {
            ObjectNode created = ApplyMerge.merge(null, applied, schema);
            ManagedFields managed = ManagedFields.empty();
            managed.put(null, ManagedFieldsEntry.of(manager, ManagedFieldsEntry.APPLY, type.apiVersion(), now(), null, fields));
            managed.writeTo(created);
            return created;
        }

        ObjectNode base = live.deepCopy();
        ManagedFields managed = storedManagedFields(live, type);
        base.withObjectProperty("metadata").remove("managedFields");
        ManagedFieldsEntry previous = managed.find(manager, ManagedFieldsEntry.APPLY, type.apiVersion(), null);

        ObjectNode merged = ApplyMerge.merge(base.deepCopy(), applied, schema);
        if (previous != null) {
            FieldSet dropped = previous.fields().minus(fields);
            if (!dropped.isEmpty()) {
                ApplyMerge.prune(merged, dropped, fields.union(managed.ownedByOthers(previous)), schema);
            }
        }

        FieldComparison comparison = FieldComparison.compare(base, merged, schema, TrackedFields.ALL);
        FieldSet changed = comparison.changed();
        Map<ManagedFieldsEntry, FieldSet> conflicts = conflicts(managed, previous, changed);
        if (!conflicts.isEmpty() && !force) {
            rejectUnlessUpgradingClientSideApply(conflicts, base, schema, manager);
        }
        FieldSet removed = comparison.removed();
        managed.updateOthers(previous, entry -> {
            FieldSet lost = conflicts.get(entry);
            FieldSet remaining = entry.fields().minus(removed);
            return entry.withFields(lost == null ? remaining : remaining.minus(lost));
        });
        ManagedFieldsEntry entry = previous == null
                ? ManagedFieldsEntry.of(manager, ManagedFieldsEntry.APPLY, type.apiVersion(), now(), null, fields)
                : previous.withFieldsAndTime(fields, previous.fields().equals(fields) ? previous.time() : now());
        managed.put(previous, entry);

        if (manager.equals(LastAppliedConfiguration.KUBECTL)) {
            LastAppliedConfiguration.follow(merged, applied);
        }
        managed.writeTo(merged);
        return merged;
    }

    @Override
    public void recordUpdate(ObjectNode old, ObjectNode updated, ResourceType type, String manager, String subresourceName) {
        String subresource = subresourceName == null || subresourceName.isEmpty() ? null : subresourceName;
        ObjectNode metadata = updated.withObjectProperty("metadata");
        JsonNode sent = metadata.get("managedFields");
        if (isReset(sent)) {
            // A single empty entry is Kubernetes' documented way for a client to clear managedFields.
            metadata.remove("managedFields");
            return;
        }
        ManagedFields managed = baseManagedFields(old, sent, type, subresource);
        FieldSchema schema = PatchStrategies.forType(type);
        TrackedFields tracked = subresource == null && type.hasSubresource("status")
                ? TrackedFields.WITHOUT_STATUS
                : TrackedFields.ALL;
        FieldComparison comparison = FieldComparison.compare(old, updated, schema, tracked);
        if (!comparison.isEmpty()) {
            FieldSet changed = comparison.changed();
            FieldSet touched = changed.union(comparison.removed());
            ManagedFieldsEntry mine = managed.find(manager, ManagedFieldsEntry.UPDATE, type.apiVersion(), subresource);
            managed.updateOthers(mine, entry -> entry.withFields(entry.fields().minus(touched)));
            if (mine != null) {
                FieldSet fields = mine.fields().minus(comparison.removed()).union(changed);
                managed.put(mine, changed.isEmpty() ? mine.withFields(fields) : mine.withFieldsAndTime(fields, now()));
            } else if (!changed.isEmpty()) {
                managed.put(null, ManagedFieldsEntry.of(manager, ManagedFieldsEntry.UPDATE, type.apiVersion(), now(),
                        subresource, changed));
            }
        }
        managed.writeTo(updated);
    }

    private static FieldSet appliedFields(ObjectNode applied, FieldSchema schema, ResourceType type) {
        try {
            return AppliedFields.of(applied, schema, TrackedFields.ALL);
        } catch (InvalidFieldException e) {
            StatusCause cause = new StatusCause();
            cause.setReason(e.reason());
            cause.setField(e.field());
            cause.setMessage(e.getMessage());
            ApiException invalid = Statuses.invalid(type.group(), type.kind(), applied.path("metadata").path("name").asText(""),
                    List.of(cause));
            throw new ApiException(invalid.status(), e);
        }
    }

    /** Fields other managers own that this apply would change, by owner. */
    private static Map<ManagedFieldsEntry, FieldSet> conflicts(ManagedFields managed, ManagedFieldsEntry self, FieldSet changed) {
        Map<ManagedFieldsEntry, FieldSet> conflicts = new LinkedHashMap<>();
        if (changed.isEmpty()) {
            return conflicts;
        }
        for (ManagedFieldsEntry entry : managed.entries()) {
            if (entry != self) {
                FieldSet overlap = entry.fields().intersect(changed);
                if (!overlap.isEmpty()) {
                    conflicts.put(entry, overlap);
                }
            }
        }
        return conflicts;
    }

    /**
     * Throws the 409 for {@code conflicts}, except that kubectl may take over the fields that client-side apply
     * set and nobody has changed since, which is how a client-side-applied object moves to server-side apply.
     */
    private static void rejectUnlessUpgradingClientSideApply(Map<ManagedFieldsEntry, FieldSet> conflicts, ObjectNode live,
            FieldSchema schema, String manager) {
        FieldSet allowed = manager.equals(LastAppliedConfiguration.KUBECTL)
                ? LastAppliedConfiguration.unchangedFields(live, schema)
                : FieldSet.empty();
        List<FieldConflict> remaining = new ArrayList<>();
        conflicts.forEach((owner, fields) -> fields.minus(allowed).forEachMember(path -> remaining.add(new FieldConflict(owner, path))));
        if (!remaining.isEmpty()) {
            remaining.sort((a, b) -> a.describeOwner().compareTo(b.describeOwner()));
            throw PatchErrors.applyConflicts(remaining);
        }
    }

    /** The live object's entries; unreadable ones are dropped rather than failing every later write. */
    private static ManagedFields storedManagedFields(ObjectNode object, ResourceType type) {
        try {
            return ManagedFields.of(object);
        } catch (IllegalArgumentException e) {
            log.warn("dropping unreadable managedFields of a {} object: {}", type.kind(), e.getMessage(), e);
            return ManagedFields.empty();
        }
    }

    /**
     * As in Kubernetes, a write to the main resource may set managedFields itself (kubectl does so to move
     * client-side apply ownership to server-side apply); otherwise, or when what it sent is unreadable, the
     * stored entries are the base.
     */
    private static ManagedFields baseManagedFields(ObjectNode old, JsonNode sent, ResourceType type, String subresource) {
        if (subresource == null && sent != null && sent.isArray() && !sent.isEmpty()) {
            try {
                return ManagedFields.read(sent);
            } catch (IllegalArgumentException e) {
                log.debug("ignoring managedFields sent with a write, keeping the stored ones: {}", e.getMessage(), e);
            }
        }
        return old == null ? ManagedFields.empty() : storedManagedFields(old, type);
    }

    private static boolean isReset(JsonNode sent) {
        return sent != null && sent.isArray() && sent.size() == 1 && sent.get(0).isObject() && sent.get(0).isEmpty();
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
