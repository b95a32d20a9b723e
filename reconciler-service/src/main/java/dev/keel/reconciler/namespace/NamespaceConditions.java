package dev.keel.reconciler.namespace;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The status conditions Kubernetes' namespace controller reports on a terminating namespace, from a content report. */
public final class NamespaceConditions {

    private NamespaceConditions() {
    }

    public static List<NamespaceCondition> of(ContentReport report, List<NamespaceCondition> previous, Instant now) {
        List<NamespaceCondition> conditions = new ArrayList<>();
        conditions.add(report.discoveryFailures().isEmpty()
                ? condition("NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered",
                        "All resources successfully discovered")
                : condition("NamespaceDeletionDiscoveryFailure", true, "DiscoveryFailed",
                        "Discovery failed for some groups, " + report.discoveryFailures().size() + " failing: "
                                + String.join(", ", report.discoveryFailures())));
        conditions.add(condition("NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions",
                "All legacy kube types successfully parsed"));
        conditions.add(report.deleteFailures().isEmpty()
                ? condition("NamespaceDeletionContentFailure", false, "ContentDeleted",
                        "All content successfully deleted, may be waiting on finalization")
                : condition("NamespaceDeletionContentFailure", true, "ContentDeletionFailed",
                        "Failed to delete all resource types, " + report.deleteFailures().size() + " remaining: "
                                + report.deleteFailures().entrySet().stream()
                                        .map(failure -> failure.getKey() + ": " + failure.getValue())
                                        .collect(Collectors.joining(", "))));
        conditions.add(report.remaining().isEmpty()
                ? condition("NamespaceContentRemaining", false, "ContentRemoved", "All content successfully removed")
                : condition("NamespaceContentRemaining", true, "SomeResourcesRemain",
                        "Some resources are remaining: " + counts(report.remaining(), " has ")));
        conditions.add(report.finalizers().isEmpty()
                ? condition("NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers",
                        "All content-preserving finalizers finished")
                : condition("NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
                        "Some content in the namespace has finalizers remaining: " + counts(report.finalizers(), " in ")));
        String stamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
        // A condition keeps its transition time while its status stays the same.
        for (NamespaceCondition condition : conditions) {
            String since = previous == null ? null : previous.stream()
                    .filter(old -> old.getType().equals(condition.getType())
                            && Objects.equals(old.getStatus(), condition.getStatus()))
                    .map(NamespaceCondition::getLastTransitionTime).filter(Objects::nonNull).findFirst().orElse(null);
            condition.setLastTransitionTime(since == null ? stamp : since);
        }
        return conditions;
    }

    /** Whether two condition lists say the same, transition times aside. */
    public static boolean sameContent(List<NamespaceCondition> left, List<NamespaceCondition> right) {
        return strip(left).equals(strip(right));
    }

    private static List<NamespaceCondition> strip(List<NamespaceCondition> conditions) {
        if (conditions == null) {
            return List.of();
        }
        return conditions.stream().map(condition -> new NamespaceConditionBuilder(condition)
                .withLastTransitionTime(null).build()).toList();
    }

    private static String counts(Map<String, Integer> counts, String joiner) {
        return counts.entrySet().stream().map(entry -> entry.getKey() + joiner + entry.getValue() + " resource instances")
                .collect(Collectors.joining(", "));
    }

    private static NamespaceCondition condition(String type, boolean status, String reason, String message) {
        return new NamespaceConditionBuilder().withType(type).withStatus(status ? "True" : "False")
                .withReason(reason).withMessage(message).build();
    }
}
