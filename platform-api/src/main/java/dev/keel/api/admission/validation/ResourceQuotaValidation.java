package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.admission.quota.QuotaResourceNames;
import dev.keel.api.admission.quota.QuotaScopes;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * ResourceQuotas as Kubernetes validates them: standard resource names (or names with a "/", such as
 * {@code count/deployments.apps}), quantities that parse, are not negative and are whole for counts, known and
 * non-conflicting scopes that only limit what pods use, scope selectors with valid operators and values.
 */
@Component
public class ResourceQuotaValidation implements ValidatingAdmission {

    private static final Set<String> POD_SCOPE_RESOURCES = Set.of("pods", "count/pods", "cpu", "memory", "ephemeral-storage",
            "requests.cpu", "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
            "limits.ephemeral-storage");
    private static final Set<String> BEST_EFFORT_RESOURCES = Set.of("pods", "count/pods");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.type().kind().equals("ResourceQuota") || !request.type().group().isEmpty()
                || !(request.object() instanceof ResourceQuota quota)) {
            return;
        }
        if (request.subresource() == null && quota.getSpec() != null) {
            resources(errors, "spec.hard", quota.getSpec().getHard());
            scopes(errors, quota);
        }
        if (quota.getStatus() != null) {
            resources(errors, "status.hard", quota.getStatus().getHard());
            resources(errors, "status.used", quota.getStatus().getUsed());
        }
    }

    private static void resources(FieldErrors errors, String path, Map<String, Quantity> resources) {
        if (resources == null) {
            return;
        }
        resources.forEach((name, quantity) -> {
            String field = path + "[" + name + "]";
            if (!QuotaResourceNames.isValid(name)) {
                errors.invalid(field, name, "must be a standard resource for quota");
                return;
            }
            BigDecimal value = Quantities.value(quantity);
            String text = quantity == null ? "" : Quantities.text(quantity);
            if (value == null) {
                errors.invalid(field, text, Quantities.SYNTAX);
            } else if (value.signum() < 0) {
                errors.invalid(field, text, "must be greater than or equal to 0");
            } else if (QuotaResourceNames.isInteger(name) && value.stripTrailingZeros().scale() > 0) {
                errors.invalid(field, text, "must be an integer");
            }
        });
    }

    private static void scopes(FieldErrors errors, ResourceQuota quota) {
        List<String> scopes = quota.getSpec().getScopes() == null ? List.of() : quota.getSpec().getScopes();
        Set<String> named = new HashSet<>();
        for (int i = 0; i < scopes.size(); i++) {
            String scope = scopes.get(i);
            if (!QuotaScopes.SCOPES.contains(scope)) {
                errors.invalid("spec.scopes[" + i + "]", scope, "unsupported scope");
            }
            named.add(scope);
        }
        List<ScopedResourceSelectorRequirement> expressions = quota.getSpec().getScopeSelector() == null
                || quota.getSpec().getScopeSelector().getMatchExpressions() == null
                ? List.of() : quota.getSpec().getScopeSelector().getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            ScopedResourceSelectorRequirement expression = expressions.get(i);
            String path = "spec.scopeSelector.matchExpressions[" + i + "]";
            selectorRequirement(errors, path, expression);
            named.add(expression.getScopeName());
        }
        if ((named.contains("Terminating") && named.contains("NotTerminating"))
                || (named.contains("BestEffort") && named.contains("NotBestEffort"))) {
            errors.invalid("spec.scopes", scopes, "conflicting scopes");
        }
        if (named.isEmpty() || quota.getSpec().getHard() == null) {
            return;
        }
        Set<String> allowed = named.contains("BestEffort") ? BEST_EFFORT_RESOURCES : POD_SCOPE_RESOURCES;
        for (String name : quota.getSpec().getHard().keySet()) {
            if (!allowed.contains(name) && QuotaResourceNames.isValid(name)) {
                errors.invalid("spec.hard[" + name + "]", name, "unsupported scope applied to resource");
            }
        }
    }

    private static void selectorRequirement(FieldErrors errors, String path, ScopedResourceSelectorRequirement expression) {
        String scope = expression.getScopeName();
        if (scope == null || !QuotaScopes.SCOPES.contains(scope)) {
            errors.invalid(path + ".scopeName", scope == null ? "" : scope, "unsupported scope");
        }
        String operator = expression.getOperator() == null ? "" : expression.getOperator();
        List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
        switch (operator) {
            case "In", "NotIn" -> {
                if (values.isEmpty()) {
                    errors.required(path + ".values",
                            "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector");
                }
                if (!"PriorityClass".equals(scope)) {
                    errors.invalid(path + ".operator", operator,
                            "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, "
                                    + "ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, "
                                    + "ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity");
                }
            }
            case "Exists", "DoesNotExist" -> {
                if (!values.isEmpty()) {
                    errors.invalid(path + ".values", values,
                            "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector");
                }
            }
            default -> errors.invalid(path + ".operator", operator, "not a valid selector operator");
        }
    }
}
