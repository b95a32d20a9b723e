package dev.keel.api.admission.cel;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.admission.validation.LabelSelectors;
import dev.keel.api.admission.validation.NameRules;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * ValidatingAdmissionPolicyBindings as Kubernetes checks them: policyName, paramRef (name xor selector,
 * parameterNotFoundAction Deny or Allow), matchResources and validationActions (Deny/Warn/Audit, at least one, no
 * duplicates, not both Deny and Warn).
 */
public class BindingValidation implements ValidatingAdmission {

    private static final List<String> ACTIONS = List.of("Audit", "Deny", "Warn");
    private static final List<String> NOT_FOUND_ACTIONS = List.of("Deny", "Allow");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("ValidatingAdmissionPolicyBinding")
                || !(request.object() instanceof ValidatingAdmissionPolicyBinding binding)) {
            return;
        }
        ValidatingAdmissionPolicyBindingSpec spec = binding.getSpec() == null
                ? new ValidatingAdmissionPolicyBindingSpec() : binding.getSpec();
        String policyName = spec.getPolicyName();
        if (policyName == null || policyName.isEmpty()) {
            errors.required("spec.policyName", "");
        } else {
            errors.invalidEach("spec.policyName", policyName, NameRules.dns1123Subdomain(policyName));
        }
        paramRef(errors, spec.getParamRef());
        // Kubernetes spells this field path "matchResouces" in its messages; kept so clients see the same words.
        MatchResourcesRules.check(errors, "spec.matchResouces", spec.getMatchResources());
        actions(errors, spec.getValidationActions() == null ? List.of() : spec.getValidationActions());
    }

    private static void paramRef(FieldErrors errors, ParamRef ref) {
        if (ref == null) {
            return;
        }
        String name = ref.getName() == null ? "" : ref.getName();
        if (!name.isEmpty()) {
            MatchResourcesRules.pathSegment(errors, "spec.paramRef.name", name);
            if (ref.getSelector() != null) {
                errors.forbidden("spec.paramRef.name", "name and selector are mutually exclusive");
            }
        }
        if (ref.getSelector() != null) {
            LabelSelectors.validate(errors, "spec.paramRef.selector", ref.getSelector());
            if (!name.isEmpty()) {
                errors.forbidden("spec.paramRef.selector", "name and selector are mutually exclusive");
            }
        }
        if (name.isEmpty() && ref.getSelector() == null) {
            errors.required("spec.paramRef", "one of name or selector must be specified");
        }
        String action = ref.getParameterNotFoundAction();
        if (action == null || action.isEmpty()) {
            errors.required("spec.paramRef.parameterNotFoundAction", "");
        } else if (!NOT_FOUND_ACTIONS.contains(action)) {
            errors.notSupported("spec.paramRef.parameterNotFoundAction", action, NOT_FOUND_ACTIONS);
        }
    }

    private static void actions(FieldErrors errors, List<String> actions) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            String action = actions.get(i);
            if (action == null || !ACTIONS.contains(action)) {
                errors.notSupported("spec.validationActions[" + i + "]", action, ACTIONS);
            }
            if (!seen.add(action)) {
                errors.duplicate("spec.validationActions[" + i + "]", action);
            }
        }
        if (seen.contains("Deny") && seen.contains("Warn")) {
            errors.invalid("spec.validationActions", actions, "must not contain both Deny and Warn (repeating the same "
                    + "validation failure information in the API response and headers serves no purpose)");
        }
        if (seen.isEmpty()) {
            errors.required("spec.validationActions", "at least one validation action is required");
        }
    }
}
