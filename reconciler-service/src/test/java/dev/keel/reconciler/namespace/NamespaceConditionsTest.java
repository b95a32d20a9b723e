package dev.keel.reconciler.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceCondition;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NamespaceConditionsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private static ContentReport report(TreeMap<String, Integer> remaining, TreeMap<String, Integer> finalizers) {
        return new ContentReport(List.of(), new TreeMap<>(), remaining, finalizers);
    }

    private static NamespaceCondition find(List<NamespaceCondition> conditions, String type) {
        return conditions.stream().filter(condition -> condition.getType().equals(type)).findFirst().orElseThrow();
    }

    @Test
    void anEmptiedNamespaceReportsEveryConditionFalse() {
        List<NamespaceCondition> conditions = NamespaceConditions.of(report(new TreeMap<>(), new TreeMap<>()), null, NOW);

        assertThat(conditions).extracting(NamespaceCondition::getStatus).containsOnly("False");
        assertThat(find(conditions, "NamespaceDeletionContentFailure").getReason()).isEqualTo("ContentDeleted");
        assertThat(find(conditions, "NamespaceContentRemaining").getReason()).isEqualTo("ContentRemoved");
    }

    @Test
    void remainingContentIsCountedPerResourceAndFinalizer() {
        TreeMap<String, Integer> remaining = new TreeMap<>();
        remaining.put("pods.", 2);
        remaining.put("deployments.apps", 1);
        TreeMap<String, Integer> finalizers = new TreeMap<>();
        finalizers.put("example.com/hold", 1);

        List<NamespaceCondition> conditions = NamespaceConditions.of(report(remaining, finalizers), null, NOW);

        NamespaceCondition content = find(conditions, "NamespaceContentRemaining");
        assertThat(content.getStatus()).isEqualTo("True");
        assertThat(content.getReason()).isEqualTo("SomeResourcesRemain");
        assertThat(content.getMessage()).isEqualTo(
                "Some resources are remaining: deployments.apps has 1 resource instances, pods. has 2 resource instances");
        assertThat(find(conditions, "NamespaceFinalizersRemaining").getMessage()).isEqualTo(
                "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances");
    }

    @Test
    void deleteFailuresAreReported() {
        TreeMap<String, String> failures = new TreeMap<>();
        failures.put("secrets.", "forbidden");

        List<NamespaceCondition> conditions = NamespaceConditions.of(
                new ContentReport(List.of(), failures, new TreeMap<>(), new TreeMap<>()), null, NOW);

        NamespaceCondition failure = find(conditions, "NamespaceDeletionContentFailure");
        assertThat(failure.getStatus()).isEqualTo("True");
        assertThat(failure.getReason()).isEqualTo("ContentDeletionFailed");
        assertThat(failure.getMessage()).contains("secrets.: forbidden");
    }

    @Test
    void aConditionKeepsItsTransitionTimeWhileItsStatusHolds() {
        TreeMap<String, Integer> remaining = new TreeMap<>();
        remaining.put("pods.", 2);
        List<NamespaceCondition> first = NamespaceConditions.of(report(remaining, new TreeMap<>()), null, NOW);
        TreeMap<String, Integer> fewer = new TreeMap<>();
        fewer.put("pods.", 1);

        List<NamespaceCondition> later = NamespaceConditions.of(report(fewer, new TreeMap<>()), first, NOW.plusSeconds(30));

        assertThat(find(later, "NamespaceContentRemaining").getLastTransitionTime()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(NamespaceConditions.sameContent(first, later)).isFalse();
        assertThat(NamespaceConditions.sameContent(later, NamespaceConditions.of(report(fewer, new TreeMap<>()), later, NOW)))
                .isTrue();
    }
}
