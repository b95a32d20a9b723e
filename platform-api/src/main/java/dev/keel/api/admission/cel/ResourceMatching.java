package dev.keel.api.admission.cel;

import dev.keel.api.admission.validation.LabelSelectors;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import java.util.List;

/**
 * Whether a request falls under a policy's {@code matchConstraints} or a binding's {@code matchResources}: a
 * resourceRule matches and no excludeResourceRule does, the namespace's labels (or, for a Namespace, its own) match
 * namespaceSelector, and the object's or old object's labels match objectSelector. keel serves each resource in one
 * version, so matchPolicy Equivalent and Exact match alike.
 */
final class ResourceMatching {

    private ResourceMatching() {
    }

    static boolean matches(MatchResources match, PolicyRequest request) {
        if (match == null) {
            return true;
        }
        List<NamedRuleWithOperations> rules = match.getResourceRules() == null ? List.of() : match.getResourceRules();
        // A binding's matchResources without resourceRules leaves the resources to its policy.
        if (!rules.isEmpty() && rules.stream().noneMatch(rule -> rule != null && ruleMatches(rule, request))) {
            return false;
        }
        if (match.getExcludeResourceRules() != null
                && match.getExcludeResourceRules().stream().anyMatch(rule -> rule != null && ruleMatches(rule, request))) {
            return false;
        }
        return namespaceMatches(match.getNamespaceSelector(), request) && objectMatches(match.getObjectSelector(), request);
    }

    static boolean ruleMatches(NamedRuleWithOperations rule, PolicyRequest request) {
        ResourceType type = request.type();
        return contains(rule.getOperations(), request.operation())
                && contains(rule.getApiGroups(), type.group())
                && contains(rule.getApiVersions(), type.version())
                && resourceMatches(rule.getResources(), type.plural(), request.subresource())
                && scopeMatches(rule.getScope(), type.namespaced())
                && (rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                        || rule.getResourceNames().contains(request.name()));
    }

    private static boolean contains(List<String> values, String value) {
        return values != null && (values.contains("*") || values.contains(value));
    }

    private static boolean resourceMatches(List<String> resources, String plural, String subresource) {
        if (resources == null) {
            return false;
        }
        for (String entry : resources) {
            if (entry == null) {
                continue;
            }
            if (entry.equals("*/*")) {
                return true;
            }
            String[] parts = entry.split("/", 2);
            String resource = parts[0];
            String sub = parts.length == 2 ? parts[1] : null;
            boolean resourceOk = resource.equals("*") || resource.equals(plural);
            boolean subOk = sub == null ? subresource == null
                    : subresource != null && (sub.equals("*") || sub.equals(subresource));
            if (resourceOk && subOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean scopeMatches(String scope, boolean namespaced) {
        return scope == null || scope.equals("*") || scope.equals(namespaced ? "Namespaced" : "Cluster");
    }

    private static boolean namespaceMatches(LabelSelector selector, PolicyRequest request) {
        if (selector == null || LabelSelectors.isEmpty(selector)) {
            return true;
        }
        boolean namespaceItself = request.type().group().isEmpty() && request.type().kind().equals("Namespace");
        if (!request.type().namespaced() && !namespaceItself) {
            // Kubernetes: a cluster-scoped object other than a Namespace is never excluded by namespaceSelector.
            return true;
        }
        return LabelSelectors.matches(selector, request.labels(request.namespace()));
    }

    private static boolean objectMatches(LabelSelector selector, PolicyRequest request) {
        if (selector == null || LabelSelectors.isEmpty(selector)) {
            return true;
        }
        return LabelSelectors.matches(selector, request.labels(request.object()))
                || LabelSelectors.matches(selector, request.labels(request.oldObject()));
    }
}
