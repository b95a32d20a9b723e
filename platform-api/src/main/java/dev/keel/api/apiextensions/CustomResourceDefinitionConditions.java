package dev.keel.api.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reading and setting a CRD's status conditions the way apiextensions' helpers do. */
public final class CustomResourceDefinitionConditions {

    public static final String NAMES_ACCEPTED = "NamesAccepted";
    public static final String ESTABLISHED = "Established";
    public static final String TERMINATING = "Terminating";

    private CustomResourceDefinitionConditions() {
    }

    public static boolean isTrue(JsonNode crd, String type) {
        for (JsonNode condition : crd.path("status").path("conditions")) {
            if (type.equals(condition.path("type").asText()) && "True".equals(condition.path("status").asText())) {
                return true;
            }
        }
        return false;
    }

    public static boolean isTrue(CustomResourceDefinition crd, String type) {
        CustomResourceDefinitionCondition condition = find(crd, type);
        return condition != null && "True".equals(condition.getStatus());
    }

    public static CustomResourceDefinitionCondition find(CustomResourceDefinition crd, String type) {
        if (crd.getStatus() == null || crd.getStatus().getConditions() == null) {
            return null;
        }
        return crd.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    /**
     * Sets a condition; the transition time moves only when the status changes, as apiextensions'
     * {@code SetCRDCondition} does.
     */
    public static void set(CustomResourceDefinition crd, String type, String status, String reason, String message,
            Instant now) {
        if (crd.getStatus() == null) {
            crd.setStatus(new CustomResourceDefinitionStatus());
        }
        List<CustomResourceDefinitionCondition> conditions = crd.getStatus().getConditions() == null
                ? new ArrayList<>() : new ArrayList<>(crd.getStatus().getConditions());
        CustomResourceDefinitionCondition existing = find(crd, type);
        String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
        if (existing == null) {
            conditions.add(new CustomResourceDefinitionCondition(time, message, null, reason,
                    status, type));
        } else {
            if (!Objects.equals(existing.getStatus(), status)) {
                existing.setLastTransitionTime(time);
            }
            existing.setStatus(status);
            existing.setReason(reason);
            existing.setMessage(message);
        }
        crd.getStatus().setConditions(conditions);
    }
}
