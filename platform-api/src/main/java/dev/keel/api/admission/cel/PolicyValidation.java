package dev.keel.api.admission.cel;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.admission.validation.NameRules;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.AuditAnnotation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ValidatingAdmissionPolicies as Kubernetes checks them (pkg/apis/admissionregistration/validation): failurePolicy,
 * paramKind, matchConstraints (with at least one resourceRule), matchConditions, variables, validations (expressions
 * compile to bool, messageExpressions to string, messages on one line, supported reasons) and auditAnnotations.
 * Every expression is compiled in {@link AdmissionCel}, so what is stored will compile again when it is enforced.
 */
public class PolicyValidation implements ValidatingAdmission {

    static final int MAX_AUDIT_ANNOTATIONS = 20;
    static final int MAX_AUDIT_VALUE_EXPRESSION_LENGTH = 5 * 1024;
    private static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
    private static final List<String> REASONS = List.of("Forbidden", "Invalid", "RequestEntityTooLarge", "Unauthorized");
    private static final Pattern CEL_IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");
    private static final Set<String> CEL_RESERVED = Set.of("true", "false", "null", "in", "as", "break", "const",
            "continue", "else", "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var",
            "void", "while");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("ValidatingAdmissionPolicy") || !(request.object() instanceof ValidatingAdmissionPolicy policy)) {
            return;
        }
        ValidatingAdmissionPolicySpec spec = policy.getSpec() == null ? new ValidatingAdmissionPolicySpec() : policy.getSpec();
        String name = policy.getMetadata().getName();
        if (spec.getFailurePolicy() == null) {
            errors.required("spec.failurePolicy", "");
        } else if (!FAILURE_POLICIES.contains(spec.getFailurePolicy())) {
            errors.notSupported("spec.failurePolicy", spec.getFailurePolicy(), FAILURE_POLICIES);
        }
        boolean params = spec.getParamKind() != null;
        if (params) {
            paramKind(errors, spec.getParamKind());
        }
        if (spec.getMatchConstraints() == null) {
            errors.required("spec.matchConstraints", "");
        } else {
            MatchResourcesRules.check(errors, "spec.matchConstraints", spec.getMatchConstraints());
            if (spec.getMatchConstraints().getResourceRules() == null || spec.getMatchConstraints().getResourceRules().isEmpty()) {
                errors.required("spec.matchConstraints.resourceRules", "");
            }
        }
        MatchConditions.check(errors, spec.getMatchConditions(), "spec.matchConditions", params);
        List<Variable> variables = spec.getVariables() == null ? List.of() : spec.getVariables();
        for (int i = 0; i < variables.size(); i++) {
            variable(errors, "spec.variables[" + i + "]", variables.get(i) == null ? new Variable() : variables.get(i), params);
        }
        List<Validation> validations = spec.getValidations() == null ? List.of() : spec.getValidations();
        List<AuditAnnotation> annotations = spec.getAuditAnnotations() == null ? List.of() : spec.getAuditAnnotations();
        if (validations.isEmpty() && annotations.isEmpty()) {
            errors.required("spec.validations", "validations or auditAnnotations must contain at least one item");
            errors.required("spec.auditAnnotations", "validations or auditAnnotations must contain at least one item");
            return;
        }
        for (int i = 0; i < validations.size(); i++) {
            validation(errors, "spec.validations[" + i + "]", validations.get(i) == null ? new Validation() : validations.get(i), params);
        }
        if (annotations.size() > MAX_AUDIT_ANNOTATIONS) {
            errors.invalidOmitted("spec.auditAnnotations", "must not have more than " + MAX_AUDIT_ANNOTATIONS + " auditAnnotations");
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < annotations.size(); i++) {
            String path = "spec.auditAnnotations[" + i + "]";
            AuditAnnotation annotation = annotations.get(i) == null ? new AuditAnnotation() : annotations.get(i);
            auditAnnotation(errors, path, name, annotation, params);
            if (!keys.add(String.valueOf(annotation.getKey()))) {
                errors.duplicate(path + ".key", annotation.getKey());
            }
        }
    }

    private static void paramKind(FieldErrors errors, ParamKind kind) {
        String apiVersion = kind.getApiVersion() == null ? "" : kind.getApiVersion();
        if (apiVersion.isEmpty()) {
            errors.required("spec.paramKind.apiVersion", "");
        } else if (apiVersion.chars().filter(c -> c == '/').count() > 1) {
            errors.invalid("spec.paramKind.apiVersion", apiVersion, "unexpected GroupVersion string: " + apiVersion);
        } else {
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = apiVersion.substring(slash + 1);
            if (!group.isEmpty() && !NameRules.dns1123Subdomain(group).isEmpty()) {
                errors.invalid("spec.paramKind.apiVersion", group, String.join(",", NameRules.dns1123Subdomain(group)));
            }
            if (version.isEmpty()) {
                errors.invalid("spec.paramKind.apiVersion", apiVersion, "version must be specified");
            } else if (!NameRules.dns1035Label(version).isEmpty()) {
                errors.invalid("spec.paramKind.apiVersion", version, String.join(",", NameRules.dns1035Label(version)));
            }
        }
        String kindName = kind.getKind() == null ? "" : kind.getKind();
        if (kindName.isEmpty()) {
            errors.required("spec.paramKind.kind", "");
        } else if (!NameRules.dns1035Label(kindName.toLowerCase()).isEmpty()) {
            errors.invalid("spec.paramKind.kind", kindName, "may have mixed case, but should otherwise match: "
                    + String.join(",", NameRules.dns1035Label(kindName.toLowerCase())));
        }
    }

    private static void variable(FieldErrors errors, String path, Variable variable, boolean params) {
        String name = variable.getName();
        if (name == null || name.isBlank()) {
            errors.required(path + ".name", "name is not specified");
        } else if (!CEL_IDENTIFIER.matcher(name).matches() || CEL_RESERVED.contains(name)) {
            errors.invalid(path + ".name", name, "name is not a valid CEL identifier");
        }
        String expression = variable.getExpression();
        if (expression == null || expression.isBlank()) {
            errors.required(path + ".expression", "expression is not specified");
        } else {
            compiles(errors, path + ".expression", expression, AdmissionCel.Result.ANY, params);
        }
    }

    private static void validation(FieldErrors errors, String path, Validation validation, boolean params) {
        String expression = validation.getExpression() == null ? "" : validation.getExpression();
        if (expression.isBlank()) {
            errors.required(path + ".expression", "expression is not specified");
        } else {
            compiles(errors, path + ".expression", expression, AdmissionCel.Result.BOOL, params);
        }
        String messageExpression = validation.getMessageExpression();
        if (messageExpression != null && !messageExpression.isEmpty() && messageExpression.isBlank()) {
            errors.invalid(path + ".messageExpression", messageExpression, "must be non-empty if specified");
        } else if (messageExpression != null && !messageExpression.isBlank()) {
            compiles(errors, path + ".messageExpression", messageExpression, AdmissionCel.Result.STRING, params);
        }
        String message = validation.getMessage();
        if (message != null && !message.isEmpty() && message.isBlank()) {
            errors.invalid(path + ".message", message, "message must be non-empty if specified");
        } else if (message != null && (message.trim().contains("\n") || message.trim().contains("\r"))) {
            errors.invalid(path + ".message", message, "message must not contain line breaks");
        }
        if (validation.getReason() != null && !REASONS.contains(validation.getReason())) {
            errors.notSupported(path + ".reason", validation.getReason(), REASONS);
        }
    }

    private static void auditAnnotation(FieldErrors errors, String path, String policyName, AuditAnnotation annotation,
            boolean params) {
        String key = annotation.getKey() == null ? "" : annotation.getKey();
        if (policyName != null && !policyName.isEmpty()) {
            errors.invalidEach(path + ".key", policyName + "/" + key, NameRules.qualifiedName(policyName + "/" + key));
        } else {
            errors.invalid(path + ".key", key, "requires metadata.name be non-empty");
        }
        String value = annotation.getValueExpression() == null ? "" : annotation.getValueExpression().trim();
        if (value.isEmpty()) {
            errors.required(path + ".valueExpression", "valueExpression is not specified");
        } else if (value.length() > MAX_AUDIT_VALUE_EXPRESSION_LENGTH) {
            errors.required(path + ".valueExpression", "must not exceed " + MAX_AUDIT_VALUE_EXPRESSION_LENGTH + " bytes in length");
        } else {
            compiles(errors, path + ".valueExpression", annotation.getValueExpression(), AdmissionCel.Result.STRING_OR_NULL, params);
        }
    }

    private static void compiles(FieldErrors errors, String path, String expression, AdmissionCel.Result result, boolean params) {
        AdmissionCel.Expression compiled = AdmissionCel.get().compile(expression, result, params);
        if (!compiled.compiled()) {
            errors.invalid(path, expression, compiled.error());
        }
    }
}
