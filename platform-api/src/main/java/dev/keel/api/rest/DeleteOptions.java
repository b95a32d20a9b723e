package dev.keel.api.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.status.Statuses;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;

/**
 * A delete's options, from the DeleteOptions body and/or the query string (the body wins, as in Kubernetes).
 *
 * @param gracePeriodSeconds null when not given: the object's own default applies
 * @param propagationPolicy  Orphan, Background or Foreground; null when not given
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String preconditionUid,
        String preconditionResourceVersion, boolean dryRun) {

    public static DeleteOptions from(HttpServletRequest request, JsonNode body) {
        Long grace = parseLong(request.getParameter("gracePeriodSeconds"), "gracePeriodSeconds");
        String propagation = request.getParameter("propagationPolicy");
        String dryRun = request.getParameter("dryRun");
        boolean orphan = "true".equals(request.getParameter("orphanDependents"));
        String uid = null;
        String resourceVersion = null;
        if (body != null && body.isObject()) {
            if (body.has("gracePeriodSeconds") && !body.get("gracePeriodSeconds").isNull()) {
                if (!body.get("gracePeriodSeconds").canConvertToLong() || !body.get("gracePeriodSeconds").isIntegralNumber()) {
                    throw Statuses.badRequest("DeleteOptions: gracePeriodSeconds must be an integer");
                }
                grace = body.get("gracePeriodSeconds").asLong();
            }
            if (body.hasNonNull("propagationPolicy")) {
                propagation = body.get("propagationPolicy").asText();
            }
            if (body.path("orphanDependents").asBoolean(false)) {
                orphan = true;
            }
            JsonNode preconditions = body.path("preconditions");
            uid = preconditions.hasNonNull("uid") ? preconditions.get("uid").asText() : null;
            resourceVersion = preconditions.hasNonNull("resourceVersion") ? preconditions.get("resourceVersion").asText() : null;
            if (body.has("dryRun") && body.get("dryRun").isArray() && !body.get("dryRun").isEmpty()) {
                dryRun = body.get("dryRun").get(0).asText();
            }
        }
        // Kubernetes validates DeleteOptions as an object of its own: what is wrong is 422 (DeleteOptions is invalid).
        FieldErrors errors = new FieldErrors();
        if (propagation != null && !propagation.equals("Orphan") && !propagation.equals("Background")
                && !propagation.equals("Foreground")) {
            errors.notSupported("propagationPolicy", propagation, List.of("Foreground", "Background", "Orphan", "nil"));
        }
        if (dryRun != null && !dryRun.isEmpty() && !dryRun.equals("All")) {
            errors.notSupported("dryRun", dryRun, List.of("All"));
        }
        if (!errors.isEmpty()) {
            throw Statuses.invalid("meta.k8s.io", "DeleteOptions", "", errors.causes());
        }
        if (orphan && propagation == null) {
            propagation = "Orphan";
        }
        if (grace != null && grace < 0) {
            grace = 1L;
        }
        return new DeleteOptions(grace, propagation, uid, resourceVersion, dryRun != null && !dryRun.isEmpty());
    }

    private static Long parseLong(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw Statuses.badRequest(name + " must be an integer, got \"" + value + "\"");
        }
    }
}
