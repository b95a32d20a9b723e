package dev.keel.api.admission.webhook;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.admission.cel.MatchConditions;
import dev.keel.api.admission.validation.GoValue;
import dev.keel.api.admission.validation.LabelSelectors;
import dev.keel.api.admission.validation.NameRules;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import dev.keel.api.status.Statuses;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Mutating- and ValidatingWebhookConfigurations as kube-apiserver's admissionregistration validation checks them
 * (v1 rules: unique webhook names, sideEffects required, at least one admission review version we speak).
 */
@Component
public class WebhookConfigurationValidation implements ValidatingAdmission {

    static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
    static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");
    static final List<String> SIDE_EFFECTS = List.of("None", "NoneOnDryRun");
    static final List<String> REINVOCATION_POLICIES = List.of("IfNeeded", "Never");
    /** Only v1 reviews are sent; Kubernetes also accepts v1beta1 (see the README). */
    static final List<String> REVIEW_VERSIONS = List.of("v1");

    private final WebhookClientConfigRules clientConfigRules = new WebhookClientConfigRules();
    private final WebhookRuleRules ruleRules = new WebhookRuleRules();

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (request.subresource() != null) {
            return;
        }
        List<Webhook> webhooks;
        if (request.object() instanceof MutatingWebhookConfiguration configuration) {
            webhooks = Webhook.of(configuration);
        } else if (request.object() instanceof ValidatingWebhookConfiguration configuration) {
            webhooks = Webhook.of(configuration);
        } else {
            return;
        }
        Set<String> names = new HashSet<>();
        List<StatusCause> conditionCauses = new ArrayList<>();
        for (int i = 0; i < webhooks.size(); i++) {
            Webhook hook = webhooks.get(i);
            String path = "webhooks[" + i + "]";
            if (hook == null) {
                errors.required(path, "");
                continue;
            }
            validateName(errors, path + ".name", hook.name());
            if (hook.name() != null && !hook.name().isEmpty() && !names.add(hook.name())) {
                errors.duplicate(path + ".name", hook.name());
            }
            validate(errors, path, hook);
            conditionCauses.addAll(MatchConditions.check(hook.matchConditions(), path + ".matchConditions"));
        }
        if (!conditionCauses.isEmpty()) {
            // The seam reports finished causes, which FieldErrors cannot take as they are: one 422 with all of them.
            List<StatusCause> causes = new ArrayList<>(errors.causes());
            causes.addAll(conditionCauses);
            throw Statuses.invalid(request.type().group(), request.type().kind(),
                    request.object().getMetadata() == null ? "" : String.valueOf(request.object().getMetadata().getName()),
                    causes);
        }
    }

    private void validate(FieldErrors errors, String path, Webhook hook) {
        for (int i = 0; i < hook.rules().size(); i++) {
            ruleRules.validate(errors, path + ".rules[" + i + "]", hook.rules().get(i));
        }
        oneOf(errors, path + ".failurePolicy", hook.failurePolicy(), FAILURE_POLICIES);
        oneOf(errors, path + ".matchPolicy", hook.matchPolicy(), MATCH_POLICIES);
        if (hook.sideEffects() == null) {
            errors.required(path + ".sideEffects", "must specify one of " + String.join(", ", SIDE_EFFECTS));
        } else {
            oneOf(errors, path + ".sideEffects", hook.sideEffects(), SIDE_EFFECTS);
        }
        if (hook.timeoutSeconds() != null && (hook.timeoutSeconds() < 1 || hook.timeoutSeconds() > 30)) {
            errors.invalid(path + ".timeoutSeconds", hook.timeoutSeconds(), "the timeout value must be between 1 and 30 seconds");
        }
        LabelSelectors.validate(errors, path + ".namespaceSelector", hook.namespaceSelector());
        LabelSelectors.validate(errors, path + ".objectSelector", hook.objectSelector());
        validateReviewVersions(errors, path + ".admissionReviewVersions", hook.admissionReviewVersions());
        if (hook.mutating()) {
            oneOf(errors, path + ".reinvocationPolicy", hook.reinvocationPolicy(), REINVOCATION_POLICIES);
        }
        clientConfigRules.validate(errors, path + ".clientConfig", hook.clientConfig());
    }

    /** Kubernetes' IsFullyQualifiedName: a DNS subdomain of at least three segments. */
    static void validateName(FieldErrors errors, String path, String name) {
        if (name == null || name.isEmpty()) {
            errors.required(path, "");
            return;
        }
        List<String> problems = NameRules.dns1123Subdomain(name);
        if (!problems.isEmpty()) {
            errors.invalid(path, name, String.join(",", problems));
            return;
        }
        if (name.split("\\.", -1).length < 3) {
            errors.invalid(path, name, "should be a domain with at least three segments separated by dots");
        }
    }

    private static void validateReviewVersions(FieldErrors errors, String path, List<String> versions) {
        if (versions.isEmpty()) {
            errors.required(path, "must specify one of " + String.join(", ", REVIEW_VERSIONS));
            return;
        }
        Set<String> seen = new HashSet<>();
        boolean accepted = false;
        for (int i = 0; i < versions.size(); i++) {
            String version = versions.get(i) == null ? "" : versions.get(i);
            if (!seen.add(version)) {
                errors.invalid(path + "[" + i + "]", version, "duplicate version");
                continue;
            }
            errors.invalidEach(path + "[" + i + "]", version, NameRules.dns1035Label(version));
            accepted |= REVIEW_VERSIONS.contains(version);
        }
        if (!accepted) {
            errors.invalid(path, GoValue.stringList(versions), "must include at least one of " + String.join(", ", REVIEW_VERSIONS));
        }
    }

    static void oneOf(FieldErrors errors, String path, String value, List<String> supported) {
        if (value != null && !supported.contains(value)) {
            errors.notSupported(path, value, supported);
        }
    }
}
