package dev.keel.api.admission.webhook;

import dev.keel.api.admission.validation.LabelSelectors;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Whether a webhook is asked about a request, as kube-apiserver's generic webhook matcher decides: its
 * namespaceSelector (cluster-scoped objects other than Namespaces always pass), its objectSelector (the new or
 * the old object's labels), then its rules (operation, group, version, resource/subresource, scope). Webhook and
 * admission-policy configurations are never sent to webhooks, so a broken webhook cannot lock itself in.
 * matchConditions are evaluated by the caller, after these.
 */
@Component
public class WebhookMatcher {

    private static final String REGISTRATION_GROUP = "admissionregistration.k8s.io";
    private static final Set<String> EXEMPT = Set.of("mutatingwebhookconfigurations", "validatingwebhookconfigurations",
            "validatingadmissionpolicies", "validatingadmissionpolicybindings", "mutatingadmissionpolicies",
            "mutatingadmissionpolicybindings");

    private final WebhookConfigurations configurations;

    public WebhookMatcher(WebhookConfigurations configurations) {
        this.configurations = configurations;
    }

    static boolean exempt(ResourceType type) {
        return type.group().equals(REGISTRATION_GROUP) && EXEMPT.contains(type.plural());
    }

    /** @throws dev.keel.api.status.ApiException 404 when a selector needs the labels of a namespace that is gone */
    boolean matches(Webhook webhook, WebhookRequest request) {
        // Rules first: a missing namespace only matters to a webhook whose rules match (as upstream).
        return rulesMatch(webhook.rules(), request) && namespaceMatches(webhook.namespaceSelector(), request)
                && objectMatches(webhook.objectSelector(), request);
    }

    private boolean namespaceMatches(LabelSelector selector, WebhookRequest request) {
        String namespace = request.namespace();
        if (namespace.isEmpty() || LabelSelectors.isEmpty(selector)) {
            return true;
        }
        Map<String, String> labels;
        if (request.isNamespace() && request.subresource().isEmpty()
                && (request.operation().equals("CREATE") || request.operation().equals("UPDATE"))) {
            // The namespace being written: its new labels, which the cache does not have yet.
            labels = request.objectLabels();
        } else {
            labels = configurations.namespaceLabels(namespace);
            if (labels == null) {
                throw Statuses.namespaceNotFound(namespace);
            }
        }
        return LabelSelectors.matches(selector, labels);
    }

    private static boolean objectMatches(LabelSelector selector, WebhookRequest request) {
        if (LabelSelectors.isEmpty(selector)) {
            return true;
        }
        return (request.hasObject() && LabelSelectors.matches(selector, request.objectLabels()))
                || (request.hasOldObject() && LabelSelectors.matches(selector, request.oldObjectLabels()));
    }

    private static boolean rulesMatch(List<RuleWithOperations> rules, WebhookRequest request) {
        for (RuleWithOperations rule : rules) {
            if (rule != null && ruleMatches(rule, request)) {
                return true;
            }
        }
        return false;
    }

    static boolean ruleMatches(RuleWithOperations rule, WebhookRequest request) {
        ResourceType type = request.type();
        return anyOf(rule.getOperations(), request.operation()) && anyOf(rule.getApiGroups(), type.group())
                && anyOf(rule.getApiVersions(), type.version())
                && resourceMatches(rule.getResources(), type.plural(), request.subresource())
                && scopeMatches(rule.getScope(), request);
    }

    private static boolean anyOf(List<String> allowed, String value) {
        return allowed != null && (allowed.contains("*") || allowed.contains(value));
    }

    private static boolean resourceMatches(List<String> resources, String resource, String subresource) {
        if (resources == null) {
            return false;
        }
        for (String entry : resources) {
            int slash = entry.indexOf('/');
            String ruleResource = slash < 0 ? entry : entry.substring(0, slash);
            String ruleSubresource = slash < 0 ? "" : entry.substring(slash + 1);
            if ((ruleResource.equals("*") || ruleResource.equals(resource))
                    && (ruleSubresource.equals("*") || ruleSubresource.equals(subresource))) {
                return true;
            }
        }
        return false;
    }

    private static boolean scopeMatches(String scope, WebhookRequest request) {
        if (scope == null || scope.equals("*")) {
            return true;
        }
        // A Namespace is cluster-scoped although its requests carry its name as their namespace.
        return switch (scope) {
            case "Namespaced" -> !request.isNamespace() && !request.namespace().isEmpty();
            case "Cluster" -> request.isNamespace() || request.namespace().isEmpty();
            default -> false;
        };
    }
}
