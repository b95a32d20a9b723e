package dev.keel.reconciler.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

class PodFailurePoliciesTest {

    private static final JobSpec SPEC = Serialization.unmarshal("""
            podFailurePolicy:
              rules:
              - action: FailJob
                onExitCodes: {containerName: main, operator: In, values: [42]}
              - action: Ignore
                onPodConditions: [{type: DisruptionTarget, status: "True"}]
              - action: Count
                onExitCodes: {operator: NotIn, values: [1, 2]}
            """, JobSpec.class);

    private static Pod pod(String container, int exitCode, String condition) {
        return Serialization.unmarshal("""
                metadata: {name: p, namespace: ns}
                status:
                  phase: Failed
                  conditions: [{type: %s, status: "True"}]
                  containerStatuses:
                  - name: %s
                    state: {terminated: {exitCode: %d}}
                """.formatted(condition, container, exitCode), Pod.class);
    }

    @Test
    void theFirstMatchingRuleDecidesWithKubernetesMessage() {
        assertThat(PodFailurePolicies.match(SPEC, pod("main", 42, "Ready"))).hasValueSatisfying(match -> {
            assertThat(match.action()).isEqualTo("FailJob");
            assertThat(match.message()).isEqualTo("Container main for pod ns/p failed with exit code 42 matching FailJob rule at index 0");
        });
        assertThat(PodFailurePolicies.match(SPEC, pod("main", 1, "DisruptionTarget"))).hasValueSatisfying(match -> {
            assertThat(match.action()).isEqualTo("Ignore");
            assertThat(match.message()).isEqualTo("Pod ns/p has condition DisruptionTarget matching Ignore rule at index 1");
        });
        assertThat(PodFailurePolicies.match(SPEC, pod("main", 7, "Ready"))).hasValueSatisfying(
                match -> assertThat(match.action()).isEqualTo("Count"));
    }

    @Test
    void theContainerNameAndExitCodeZeroAreRespected() {
        assertThat(PodFailurePolicies.match(SPEC, pod("sidecar", 42, "Ready")).map(PodFailurePolicies.Match::action)).contains("Count");
        assertThat(PodFailurePolicies.match(SPEC, pod("main", 1, "Ready"))).isEmpty();
        assertThat(PodFailurePolicies.counts(SPEC, pod("main", 1, "DisruptionTarget"))).isFalse();
        assertThat(PodFailurePolicies.counts(SPEC, pod("main", 1, "Ready"))).isTrue();
    }
}
