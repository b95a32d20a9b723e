package dev.keel.api.admission.webhook;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * One webhook of a Mutating- or ValidatingWebhookConfiguration, in one shape for validation, matching and calls
 * (the two fabric8 models differ only in {@code reinvocationPolicy}).
 *
 * @param configuration      the name of the configuration it belongs to
 * @param reinvocationPolicy null for validating webhooks
 */
public record Webhook(String configuration, String name, WebhookClientConfig clientConfig, List<RuleWithOperations> rules,
        String failurePolicy, String matchPolicy, LabelSelector namespaceSelector, LabelSelector objectSelector,
        String sideEffects, Integer timeoutSeconds, List<String> admissionReviewVersions,
        List<MatchCondition> matchConditions, String reinvocationPolicy, boolean mutating) {

    public Webhook {
        rules = rules == null ? List.of() : rules;
        admissionReviewVersions = admissionReviewVersions == null ? List.of() : admissionReviewVersions;
        matchConditions = matchConditions == null ? List.of() : matchConditions;
    }

    public static List<Webhook> of(MutatingWebhookConfiguration configuration) {
        List<Webhook> webhooks = new ArrayList<>();
        String owner = configuration.getMetadata() == null ? null : configuration.getMetadata().getName();
        if (configuration.getWebhooks() != null) {
            for (MutatingWebhook hook : configuration.getWebhooks()) {
                webhooks.add(hook == null ? null : new Webhook(owner, hook.getName(), hook.getClientConfig(), hook.getRules(),
                        hook.getFailurePolicy(), hook.getMatchPolicy(), hook.getNamespaceSelector(), hook.getObjectSelector(),
                        hook.getSideEffects(), hook.getTimeoutSeconds(), hook.getAdmissionReviewVersions(),
                        hook.getMatchConditions(), hook.getReinvocationPolicy(), true));
            }
        }
        return webhooks;
    }

    public static List<Webhook> of(ValidatingWebhookConfiguration configuration) {
        List<Webhook> webhooks = new ArrayList<>();
        String owner = configuration.getMetadata() == null ? null : configuration.getMetadata().getName();
        if (configuration.getWebhooks() != null) {
            for (ValidatingWebhook hook : configuration.getWebhooks()) {
                webhooks.add(hook == null ? null : new Webhook(owner, hook.getName(), hook.getClientConfig(), hook.getRules(),
                        hook.getFailurePolicy(), hook.getMatchPolicy(), hook.getNamespaceSelector(), hook.getObjectSelector(),
                        hook.getSideEffects(), hook.getTimeoutSeconds(), hook.getAdmissionReviewVersions(),
                        hook.getMatchConditions(), null, false));
            }
        }
        return webhooks;
    }

    /** Failure policy after defaulting; a stored configuration always has one, this guards hand-made ones. */
    public boolean failOpen() {
        return "Ignore".equals(failurePolicy);
    }

    public int timeout() {
        return timeoutSeconds == null ? WebhookDefaults.TIMEOUT_SECONDS : timeoutSeconds;
    }

    public boolean reinvokeIfNeeded() {
        return "IfNeeded".equals(reinvocationPolicy);
    }
}
