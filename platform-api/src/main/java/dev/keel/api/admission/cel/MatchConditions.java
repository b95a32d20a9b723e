package dev.keel.api.admission.cel;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import java.util.List;

/**
 * The {@code matchConditions} of a webhook or a ValidatingAdmissionPolicy: CEL expressions over {@code object},
 * {@code oldObject}, {@code request} (and {@code authorizer}); all must be true for the request to be sent on.
 *
 * <p>CONTRACT (issue 15, being built): the "admission-policy" branch replaces these bodies; the webhook branch only
 * calls them.
 */
public final class MatchConditions {

    /** The outcome for one request: matched, or not, or an evaluation error (which the failure policy decides). */
    public record Decision(boolean matches, String error) {
        public static Decision match() {
            return new Decision(true, null);
        }
    }

    private MatchConditions() {
    }

    /** Field errors of a configuration's conditions (names, duplicates, expressions that do not compile). */
    public static List<StatusCause> check(List<MatchCondition> conditions, String fieldPath) {
        return List.of();
    }

    public static MatchConditions compile(List<MatchCondition> conditions) {
        return new MatchConditions();
    }

    /**
     * @param object    the object as it would be stored (null on DELETE)
     * @param oldObject the stored object (null on CREATE)
     * @param request   the AdmissionReview v1 {@code request} as JSON
     */
    public Decision evaluate(JsonNode object, JsonNode oldObject, JsonNode request) {
        return Decision.match();
    }
}
