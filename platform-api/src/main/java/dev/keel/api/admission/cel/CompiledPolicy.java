package dev.keel.api.admission.cel;

import dev.keel.api.admission.cel.AdmissionCel.Budget;
import dev.keel.api.admission.cel.AdmissionCel.Expression;
import dev.keel.api.admission.cel.AdmissionCel.Outcome;
import dev.keel.api.admission.cel.AdmissionCel.Result;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ValidatingAdmissionPolicy with its expressions compiled once (per resourceVersion), and its evaluation for one
 * request and one param, as Kubernetes' validator does: matchConditions first, then the variables in order (each
 * sees the ones before it), then each validation; a failed validation's message is its messageExpression's string,
 * else its message, else {@code failed expression: <expression>}.
 */
final class CompiledPolicy {

    /** Kubernetes' MaxEvaluatedMessageExpressionSizeBytes. */
    static final int MAX_MESSAGE_BYTES = 5 * 1024;

    enum Action { ADMIT, DENY }

    /** The outcome of one validation (or of an error that the failure policy turned into one). */
    record Decision(Action action, boolean error, String message, String reason) {
    }

    private record CompiledValidation(Validation source, Expression expression, Expression messageExpression) {
    }

    private record CompiledVariable(String name, Expression expression) {
    }

    private final ValidatingAdmissionPolicy policy;
    private final String resourceVersion;
    private final boolean failOpen;
    private final MatchConditions matchConditions;
    private final List<CompiledVariable> variables = new ArrayList<>();
    private final List<CompiledValidation> validations = new ArrayList<>();
    private final List<Expression> auditAnnotations = new ArrayList<>();

    CompiledPolicy(ValidatingAdmissionPolicy policy) {
        this.policy = policy;
        this.resourceVersion = policy.getMetadata().getResourceVersion();
        ValidatingAdmissionPolicySpec spec = policy.getSpec() == null ? new ValidatingAdmissionPolicySpec() : policy.getSpec();
        this.failOpen = "Ignore".equals(spec.getFailurePolicy());
        boolean params = spec.getParamKind() != null;
        AdmissionCel cel = AdmissionCel.get();
        this.matchConditions = MatchConditions.compile(spec.getMatchConditions(), params);
        if (spec.getVariables() != null) {
            for (Variable variable : spec.getVariables()) {
                variables.add(new CompiledVariable(variable.getName(), cel.compile(variable.getExpression(), Result.ANY, params)));
            }
        }
        if (spec.getValidations() != null) {
            for (Validation validation : spec.getValidations()) {
                String message = validation.getMessageExpression();
                validations.add(new CompiledValidation(validation, cel.compile(validation.getExpression(), Result.BOOL, params),
                        message == null || message.isBlank() ? null : cel.compile(message, Result.STRING, params)));
            }
        }
        if (spec.getAuditAnnotations() != null) {
            spec.getAuditAnnotations().forEach(a -> auditAnnotations.add(cel.compile(a.getValueExpression(),
                    Result.STRING_OR_NULL, params)));
        }
    }

    ValidatingAdmissionPolicy policy() {
        return policy;
    }

    String name() {
        return policy.getMetadata().getName();
    }

    String resourceVersion() {
        return resourceVersion;
    }

    boolean failOpen() {
        return failOpen;
    }

    /** The decisions for one binding and one param ({@code params} already a CEL value, or null). */
    List<Decision> evaluate(PolicyRequest request, Object params) {
        Budget budget = Budget.standard();
        if (!matchConditions.isEmpty()) {
            MatchConditions.Decision match = matchConditions.evaluate(request.variables(params, Map.of()), budget);
            if (match.error() != null) {
                return List.of(failure(match.error()));
            }
            if (!match.matches()) {
                return List.of();
            }
        }
        Map<String, Object> composited = new LinkedHashMap<>();
        for (CompiledVariable variable : variables) {
            Outcome outcome = variable.expression().evaluate(request.variables(params, Map.copyOf(composited)), budget);
            // A variable that fails is left out: an expression using it fails with "no such key".
            if (!outcome.failed()) {
                composited.put(variable.name(), outcome.value());
            }
        }
        Map<String, Object> celVariables = request.variables(params, composited);
        List<Decision> decisions = new ArrayList<>();
        for (CompiledValidation validation : validations) {
            Outcome outcome = validation.expression().evaluate(celVariables, budget);
            if (outcome.failed()) {
                decisions.add(failure(outcome.error()));
            } else if (!outcome.isTrue()) {
                decisions.add(new Decision(Action.DENY, false, message(validation, celVariables, budget),
                        validation.source().getReason() == null ? "Invalid" : validation.source().getReason()));
            } else {
                decisions.add(new Decision(Action.ADMIT, false, null, null));
            }
        }
        for (Expression annotation : auditAnnotations) {
            // Values would go to the audit log, which keel does not have yet; errors count as Kubernetes counts them.
            Outcome outcome = annotation.evaluate(celVariables, budget);
            if (outcome.failed()) {
                decisions.add(failure(outcome.error()));
            }
        }
        return decisions;
    }

    private Decision failure(String error) {
        return new Decision(failOpen ? Action.ADMIT : Action.DENY, true, error, null);
    }

    private static String message(CompiledValidation validation, Map<String, Object> variables, Budget budget) {
        String message = "";
        if (validation.messageExpression() != null) {
            Outcome outcome = validation.messageExpression().evaluate(variables, budget);
            if (!outcome.failed() && outcome.value() instanceof String text) {
                message = text.trim();
                if (message.length() > MAX_MESSAGE_BYTES || message.contains("\n")) {
                    message = "";
                }
            }
        }
        if (message.isEmpty() && validation.source().getMessage() != null) {
            message = validation.source().getMessage().trim();
        }
        if (message.isEmpty()) {
            message = "failed expression: " + validation.source().getExpression().trim();
        }
        return message;
    }
}
