package dev.keel.api.admission.quota;

import dev.keel.api.admission.defaults.QosClasses;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which objects a scoped quota counts: every scope in {@code spec.scopes} and every requirement of
 * {@code spec.scopeSelector} must match (scopes apply to pods only, so a scoped quota counts no other kind).
 */
public final class QuotaScopes {

    public static final List<String> SCOPES = List.of("Terminating", "NotTerminating", "BestEffort", "NotBestEffort",
            "PriorityClass", "CrossNamespacePodAffinity");

    private QuotaScopes() {
    }

    /** The scopes and scope selector of a quota as one list of requirements. */
    public static List<ScopedResourceSelectorRequirement> requirements(ResourceQuotaSpec spec) {
        List<ScopedResourceSelectorRequirement> requirements = new ArrayList<>();
        if (spec == null) {
            return requirements;
        }
        if (spec.getScopes() != null) {
            for (String scope : spec.getScopes()) {
                ScopedResourceSelectorRequirement requirement = new ScopedResourceSelectorRequirement();
                requirement.setScopeName(scope);
                requirement.setOperator("Exists");
                requirements.add(requirement);
            }
        }
        if (spec.getScopeSelector() != null && spec.getScopeSelector().getMatchExpressions() != null) {
            requirements.addAll(spec.getScopeSelector().getMatchExpressions());
        }
        return requirements;
    }

    public static boolean matches(ResourceQuotaSpec spec, HasMetadata object) {
        List<ScopedResourceSelectorRequirement> requirements = requirements(spec);
        if (requirements.isEmpty()) {
            return true;
        }
        if (!(object instanceof Pod pod) || pod.getSpec() == null) {
            return false;
        }
        return requirements.stream().allMatch(requirement -> matches(requirement, pod));
    }

    static boolean matches(ScopedResourceSelectorRequirement requirement, Pod pod) {
        String scope = requirement.getScopeName() == null ? "" : requirement.getScopeName();
        return switch (scope) {
            case "Terminating" -> terminating(pod);
            case "NotTerminating" -> !terminating(pod);
            case "BestEffort" -> bestEffort(pod);
            case "NotBestEffort" -> !bestEffort(pod);
            case "PriorityClass" -> priorityClassMatches(requirement, pod.getSpec().getPriorityClassName());
            case "CrossNamespacePodAffinity" -> crossNamespaceAffinity(pod.getSpec().getAffinity());
            default -> false;
        };
    }

    private static boolean terminating(Pod pod) {
        Long deadline = pod.getSpec().getActiveDeadlineSeconds();
        return deadline != null && deadline >= 0;
    }

    private static boolean bestEffort(Pod pod) {
        return "BestEffort".equals(QosClasses.of(pod.getSpec()));
    }

    /** The class name read as the value of the label {@code PriorityClass}, absent when the pod names none. */
    private static boolean priorityClassMatches(ScopedResourceSelectorRequirement requirement, String className) {
        boolean named = className != null && !className.isEmpty();
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        String operator = requirement.getOperator() == null ? "" : requirement.getOperator();
        return switch (operator) {
            case "Exists" -> named;
            case "DoesNotExist" -> !named;
            case "In" -> named && values.contains(className);
            case "NotIn" -> !named || !values.contains(className);
            default -> false;
        };
    }

    private static boolean crossNamespaceAffinity(Affinity affinity) {
        if (affinity == null) {
            return false;
        }
        Stream<PodAffinityTerm> terms = Stream.empty();
        if (affinity.getPodAffinity() != null) {
            terms = Stream.concat(terms, terms(affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
                    affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()));
        }
        if (affinity.getPodAntiAffinity() != null) {
            terms = Stream.concat(terms, terms(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution(),
                    affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution()));
        }
        return terms.anyMatch(term -> (term.getNamespaces() != null && !term.getNamespaces().isEmpty())
                || term.getNamespaceSelector() != null);
    }

    private static Stream<PodAffinityTerm> terms(List<PodAffinityTerm> required, List<WeightedPodAffinityTerm> preferred) {
        Stream<PodAffinityTerm> requiredTerms = required == null ? Stream.empty() : required.stream();
        Stream<PodAffinityTerm> preferredTerms = preferred == null ? Stream.empty()
                : preferred.stream().map(WeightedPodAffinityTerm::getPodAffinityTerm).filter(java.util.Objects::nonNull);
        return Stream.concat(requiredTerms, preferredTerms);
    }
}
