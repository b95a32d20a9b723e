package dev.keel.api.admission.webhook;

import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.validation.GoValue;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** One {@code rules[i]} of a webhook: operations, API groups, versions, resources (with subresources) and scope. */
final class WebhookRuleRules {

    static final List<String> OPERATIONS = List.of("*", "CONNECT", "CREATE", "DELETE", "UPDATE");
    static final List<String> SCOPES = List.of("*", "Cluster", "Namespaced");

    void validate(FieldErrors errors, String path, RuleWithOperations rule) {
        if (rule == null) {
            errors.required(path, "");
            return;
        }
        List<String> operations = orEmpty(rule.getOperations());
        if (operations.isEmpty()) {
            errors.required(path + ".operations", "");
        }
        if (operations.size() > 1 && operations.contains("*")) {
            errors.invalid(path + ".operations", GoValue.stringList(operations), "if '*' is present, must not specify other operations");
        }
        for (int i = 0; i < operations.size(); i++) {
            if (!OPERATIONS.contains(operations.get(i))) {
                errors.notSupported(path + ".operations[" + i + "]", operations.get(i), OPERATIONS);
            }
        }
        List<String> groups = orEmpty(rule.getApiGroups());
        if (groups.isEmpty()) {
            errors.required(path + ".apiGroups", "");
        }
        if (groups.size() > 1 && groups.contains("*")) {
            errors.invalid(path + ".apiGroups", GoValue.stringList(groups), "if '*' is present, must not specify other API groups");
        }
        List<String> versions = orEmpty(rule.getApiVersions());
        if (versions.isEmpty()) {
            errors.required(path + ".apiVersions", "");
        }
        if (versions.size() > 1 && versions.contains("*")) {
            errors.invalid(path + ".apiVersions", GoValue.stringList(versions), "if '*' is present, must not specify other API versions");
        }
        for (int i = 0; i < versions.size(); i++) {
            if (versions.get(i) == null || versions.get(i).isEmpty()) {
                errors.required(path + ".apiVersions[" + i + "]", "");
            }
        }
        List<String> resources = orEmpty(rule.getResources());
        if (resources.isEmpty()) {
            errors.required(path + ".resources", "");
        } else {
            validateResources(errors, path + ".resources", resources);
        }
        if (rule.getScope() != null && !SCOPES.contains(rule.getScope())) {
            errors.notSupported(path + ".scope", rule.getScope(), SCOPES);
        }
    }

    /** {@code pods}, {@code pods/status}, {@code pods/*}, {@code * /status}, {@code *} and {@code * /*}, without overlaps. */
    private static void validateResources(FieldErrors errors, String path, List<String> resources) {
        Set<String> withAnySubresource = new HashSet<>();
        Set<String> subresourcesOfAll = new HashSet<>();
        boolean doubleWildcard = false;
        boolean singleWildcard = false;
        boolean plainResource = false;
        for (int i = 0; i < resources.size(); i++) {
            String entry = resources.get(i) == null ? "" : resources.get(i);
            if (entry.isEmpty()) {
                errors.required(path + "[" + i + "]", "");
                continue;
            }
            doubleWildcard |= entry.equals("*/*");
            singleWildcard |= entry.equals("*");
            int slash = entry.indexOf('/');
            if (slash < 0) {
                plainResource = !entry.equals("*");
                continue;
            }
            String resource = entry.substring(0, slash);
            String subresource = entry.substring(slash + 1);
            if (withAnySubresource.contains(resource)) {
                errors.invalid(path + "[" + i + "]", entry, "if '" + resource + "/*' is present, must not specify " + entry);
            }
            if (subresourcesOfAll.contains(subresource)) {
                errors.invalid(path + "[" + i + "]", entry, "if '*/" + subresource + "' is present, must not specify " + entry);
            }
            if (subresource.equals("*")) {
                withAnySubresource.add(resource);
            }
            if (resource.equals("*")) {
                subresourcesOfAll.add(subresource);
            }
        }
        if (resources.size() > 1 && doubleWildcard) {
            errors.invalid(path, GoValue.stringList(resources), "if '*/*' is present, must not specify other resources");
        }
        if (singleWildcard && plainResource) {
            errors.invalid(path, GoValue.stringList(resources), "if '*' is present, must not specify other resources without subresources");
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }
}
