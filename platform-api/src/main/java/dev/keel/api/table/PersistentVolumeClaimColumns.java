package dev.keel.api.table;

import static dev.keel.api.table.JsonFields.UNSET;
import static dev.keel.api.table.JsonFields.items;
import static dev.keel.api.table.JsonFields.orElse;
import static dev.keel.api.table.JsonFields.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, and VOLUMEMODE with
 * {@code -o wide}.
 */
@Component
public class PersistentVolumeClaimColumns implements TableColumns {

    private static final String BETA_CLASS_ANNOTATION = "volume.beta.kubernetes.io/storage-class";

    private static final List<ColumnDefinition> COLUMNS = List.of(
            ColumnDefinition.nameColumn(),
            ColumnDefinition.string("Status", "Pending, Bound, Lost, or Terminating while deleted."),
            ColumnDefinition.string("Volume", "The persistent volume bound to the claim."),
            ColumnDefinition.string("Capacity", "Storage of the bound volume."),
            ColumnDefinition.string("Access Modes", "Access modes of the bound volume: RWO, ROX, RWX, RWOP."),
            ColumnDefinition.string("StorageClass", "Storage class the claim asks for."),
            ColumnDefinition.string("VolumeAttributesClass", "Volume attributes class the claim asks for."),
            ColumnDefinition.ageColumn(),
            ColumnDefinition.wide("VolumeMode", "Filesystem or Block."));

    @Override
    public String kind() {
        return "PersistentVolumeClaim";
    }

    @Override
    public List<ColumnDefinition> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode claim, Instant now) {
        JsonNode spec = claim.path("spec");
        JsonNode status = claim.path("status");
        String volume = text(spec.path("volumeName"));
        // capacity and modes describe the bound volume, so an unbound claim leaves them blank
        String capacity = "";
        String accessModes = "";
        if (!volume.isEmpty()) {
            capacity = orElse(text(status.path("capacity").path("storage")), "0");
            accessModes = accessModes(status.path("accessModes"));
        }
        return List.of(
                JsonFields.name(claim),
                JsonFields.deleting(claim) ? "Terminating" : text(status.path("phase")),
                volume,
                capacity,
                accessModes,
                storageClass(claim),
                JsonFields.textOr(spec.path("volumeAttributesClassName"), UNSET),
                JsonFields.age(claim, now),
                JsonFields.textOr(spec.path("volumeMode"), UNSET));
    }

    /** The beta annotation still takes precedence over spec.storageClassName, as it does for the binder. */
    private static String storageClass(JsonNode claim) {
        JsonNode annotation = claim.path("metadata").path("annotations").path(BETA_CLASS_ANNOTATION);
        return annotation.isTextual() ? annotation.textValue() : text(claim.path("spec").path("storageClassName"));
    }

    /** Abbreviated, de-duplicated and in a fixed order whatever order the status lists them in. */
    private static String accessModes(JsonNode modes) {
        Set<String> present = items(modes).stream().map(JsonFields::text).collect(Collectors.toSet());
        List<String> shown = new ArrayList<>();
        for (String[] mode : new String[][] {
                {"ReadWriteOnce", "RWO"}, {"ReadOnlyMany", "ROX"}, {"ReadWriteMany", "RWX"}, {"ReadWriteOncePod", "RWOP"}}) {
            if (present.contains(mode[0])) {
                shown.add(mode[1]);
            }
        }
        return String.join(",", shown);
    }
}
