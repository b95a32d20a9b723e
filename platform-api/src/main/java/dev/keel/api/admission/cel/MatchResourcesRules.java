package dev.keel.api.admission.cel;

import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.validation.LabelSelectors;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks of {@code matchConstraints} / {@code matchResources} and their rules, in Kubernetes' words. */
final class MatchResourcesRules {

    private static final List<String> OPERATIONS = List.of("*", "CONNECT", "CREATE", "DELETE", "UPDATE");
    private static final List<String> SCOPES = List.of("*", "Cluster", "Namespaced");
    private static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");

    private MatchResourcesRules() {
    }

    static void check(FieldErrors errors, String path, MatchResources match) {
        if (match == null) {
            return;
        }
        if (match.getMatchPolicy() == null) {
            errors.required(path + ".matchPolicy", "");
        } else if (!MATCH_POLICIES.contains(match.getMatchPolicy())) {
            errors.notSupported(path + ".matchPolicy", match.getMatchPolicy(), MATCH_POLICIES);
        }
        if (match.getNamespaceSelector() == null) {
            errors.required(path + ".namespaceSelector", "");
        } else {
            LabelSelectors.validate(errors, path + ".namespaceSelector", match.getNamespaceSelector());
        }
        if (match.getObjectSelector() == null) {
            errors.required(path + ".objectSelector", "");
        } else {
            LabelSelectors.validate(errors, path + ".objectSelector", match.getObjectSelector());
        }
        rules(errors, path + ".resourceRules", match.getResourceRules());
        rules(errors, path + ".excludeResourceRules", match.getExcludeResourceRules());
    }

    private static void rules(FieldErrors errors, String path, List<NamedRuleWithOperations> rules) {
        if (rules == null) {
            return;
        }
        for (int i = 0; i < rules.size(); i++) {
            rule(errors, path + "[" + i + "]", rules.get(i) == null ? new NamedRuleWithOperations() : rules.get(i));
        }
    }

    private static void rule(FieldErrors errors, String path, NamedRuleWithOperations rule) {
        List<String> names = rule.getResourceNames() == null ? List.of() : rule.getResourceNames();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i) == null ? "" : names.get(i);
            pathSegment(errors, path + ".resourceNames[" + i + "]", name);
            if (!seen.add(name)) {
                errors.duplicate(path + ".resourceNames[" + i + "]", name);
            }
        }
        List<String> operations = rule.getOperations() == null ? List.of() : rule.getOperations();
        if (operations.isEmpty()) {
            errors.required(path + ".operations", "");
        } else if (operations.size() > 1 && operations.contains("*")) {
            errors.invalid(path + ".operations", operations, "if '*' is present, must not specify other operations");
        }
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) == null || !OPERATIONS.contains(operations.get(i))) {
                errors.notSupported(path + ".operations[" + i + "]", operations.get(i), OPERATIONS);
            }
        }
        List<String> groups = rule.getApiGroups() == null ? List.of() : rule.getApiGroups();
        if (groups.isEmpty()) {
            errors.required(path + ".apiGroups", "");
        } else if (groups.size() > 1 && groups.contains("*")) {
            errors.invalid(path + ".apiGroups", groups, "if '*' is present, must not specify other API groups");
        }
        List<String> versions = rule.getApiVersions() == null ? List.of() : rule.getApiVersions();
        if (versions.isEmpty()) {
            errors.required(path + ".apiVersions", "");
        } else if (versions.size() > 1 && versions.contains("*")) {
            errors.invalid(path + ".apiVersions", versions, "if '*' is present, must not specify other API versions");
        }
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i) == null || versions.get(i).isEmpty()) {
                errors.required(path + ".apiVersions[" + i + "]", "");
            }
        }
        resources(errors, path + ".resources", rule.getResources() == null ? List.of() : rule.getResources());
        if (rule.getScope() != null && !SCOPES.contains(rule.getScope())) {
            errors.notSupported(path + ".scope", rule.getScope(), SCOPES);
        }
    }

    private static void resources(FieldErrors errors, String path, List<String> resources) {
        if (resources.isEmpty()) {
            errors.required(path, "");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < resources.size(); i++) {
            String resource = resources.get(i);
            if (resource == null || resource.isEmpty()) {
                errors.required(path + "[" + i + "]", "");
                continue;
            }
            if (resource.equals("*/*") && resources.size() > 1) {
                errors.invalid(path, resources, "if '*/*' is present, must not specify other resources");
            }
            String[] parts = resource.split("/", 2);
            if (parts.length == 2 && parts[1].contains("/")) {
                errors.invalid(path + "[" + i + "]", resource, "must be of the form resource[/subresource]");
            }
            if (!seen.add(resource)) {
                errors.duplicate(path + "[" + i + "]", resource);
            }
        }
    }

    /** Kubernetes' ValidatePathSegmentName (a name used as one URL path segment). */
    static void pathSegment(FieldErrors errors, String path, String name) {
        if (name.equals(".") || name.equals("..")) {
            errors.invalid(path, name, "may not be '" + name + "'");
        }
        if (name.contains("/")) {
            errors.invalid(path, name, "may not contain '/'");
        }
        if (name.contains("%")) {
            errors.invalid(path, name, "may not contain '%'");
        }
    }
}
