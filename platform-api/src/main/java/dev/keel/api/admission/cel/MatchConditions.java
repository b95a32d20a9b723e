package dev.keel.api.admission.cel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.validation.NameRules;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code matchConditions} of a webhook or a ValidatingAdmissionPolicy: CEL expressions over {@code object},
 * {@code oldObject}, {@code request} (and, for policies, {@code params}); all must be true for the request to be
 * sent on. {@code authorizer} is not available (no authorization in keel yet, issue 16): a condition naming it does
 * not compile.
 *
 * <p>As Kubernetes: any condition false means no match (even if another failed to evaluate); otherwise any
 * evaluation error is returned as the decision's error, for the caller's failure policy to decide.
 */
public final class MatchConditions {

    /** Kubernetes' limit on the conditions of one webhook or policy. */
    public static final int MAX_CONDITIONS = 64;

    /** The outcome for one request: matched, or not, or an evaluation error (which the failure policy decides). */
    public record Decision(boolean matches, String error) {
        public static Decision match() {
            return new Decision(true, null);
        }
    }

    private record Condition(String name, AdmissionCel.Expression expression) {
    }

    private final List<Condition> conditions;

    private MatchConditions() {
        this(List.of());
    }

    private MatchConditions(List<Condition> conditions) {
        this.conditions = conditions;
    }

    /** Field errors of a configuration's conditions (names, duplicates, expressions that do not compile). */
    public static List<StatusCause> check(List<MatchCondition> conditions, String fieldPath) {
        return check(conditions, fieldPath, false);
    }

    /** As {@link #check(List, String)}; {@code params} declares the {@code params} variable (a policy's paramKind). */
    public static List<StatusCause> check(List<MatchCondition> conditions, String fieldPath, boolean params) {
        FieldErrors errors = new FieldErrors();
        check(errors, conditions, fieldPath, params);
        return errors.causes();
    }

    static void check(FieldErrors errors, List<MatchCondition> conditions, String fieldPath, boolean params) {
        if (conditions == null) {
            return;
        }
        if (conditions.size() > MAX_CONDITIONS) {
            errors.tooMany(fieldPath, conditions.size(), MAX_CONDITIONS);
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < conditions.size(); i++) {
            MatchCondition condition = conditions.get(i) == null ? new MatchCondition() : conditions.get(i);
            String path = fieldPath + "[" + i + "]";
            String expression = condition.getExpression() == null ? "" : condition.getExpression().trim();
            if (expression.isEmpty()) {
                errors.required(path + ".expression", "");
            } else {
                AdmissionCel.Expression compiled = AdmissionCel.get().compile(expression, AdmissionCel.Result.BOOL, params);
                if (!compiled.compiled()) {
                    errors.invalid(path + ".expression", expression, compiled.error());
                }
            }
            String name = condition.getName();
            if (name == null || name.isEmpty()) {
                errors.required(path + ".name", "");
            } else {
                errors.invalidEach(path + ".name", name, NameRules.qualifiedName(name));
                if (!names.add(name)) {
                    errors.duplicate(path + ".name", name);
                }
            }
        }
    }

    public static MatchConditions compile(List<MatchCondition> conditions) {
        return compile(conditions, false);
    }

    /** Compiles every condition; one that does not compile makes every evaluation an error. */
    public static MatchConditions compile(List<MatchCondition> conditions, boolean params) {
        if (conditions == null || conditions.isEmpty()) {
            return new MatchConditions();
        }
        List<Condition> compiled = new ArrayList<>();
        for (MatchCondition given : conditions) {
            MatchCondition condition = given == null ? new MatchCondition() : given;
            String expression = condition.getExpression() == null ? "" : condition.getExpression().trim();
            compiled.add(new Condition(condition.getName(),
                    AdmissionCel.get().compile(expression, AdmissionCel.Result.BOOL, params)));
        }
        return new MatchConditions(List.copyOf(compiled));
    }

    /**
     * @param object    the object as it would be stored (null on DELETE)
     * @param oldObject the stored object (null on CREATE)
     * @param request   the AdmissionReview v1 {@code request} as JSON
     */
    public Decision evaluate(JsonNode object, JsonNode oldObject, JsonNode request) {
        if (conditions.isEmpty()) {
            return Decision.match();
        }
        return evaluate(AdmissionCel.variables(CelValues.of(object), CelValues.of(oldObject), CelValues.of(request),
                null, null, null), AdmissionCel.Budget.standard());
    }

    /** With every variable of a policy's evaluation already converted (params, namespaceObject ...). */
    public Decision evaluate(java.util.Map<String, ?> variables, AdmissionCel.Budget budget) {
        List<String> errors = new ArrayList<>();
        for (Condition condition : conditions) {
            AdmissionCel.Outcome outcome = condition.expression().evaluate(variables, budget);
            if (outcome.failed()) {
                errors.add(outcome.error());
            } else if (Boolean.FALSE.equals(outcome.value())) {
                return new Decision(false, null);
            } else if (!outcome.isTrue()) {
                errors.add("matchCondition '" + condition.name() + "': expected a bool, got " + outcome.value());
            }
        }
        if (errors.isEmpty()) {
            return Decision.match();
        }
        return new Decision(false, errors.size() == 1 ? errors.get(0) : errors.toString());
    }

    public boolean isEmpty() {
        return conditions.isEmpty();
    }
}
