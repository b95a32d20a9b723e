package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Json.assertAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;

/** Indexed completion, podFailurePolicy and backoffLimitPerIndex, with Kubernetes' messages. */
class JobFeaturesValidationTest {

    private static Job job(String name, String specYaml) {
        return Serialization.unmarshal("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s, namespace: default, uid: 7f1c2d3e-0000-4000-8000-000000000002}
                spec:
                %s
                """.formatted(name, specYaml.indent(2)), Job.class);
    }

    private static final String NEVER_POD = """
            template:
              spec:
                restartPolicy: Never
                containers: [{name: main, image: busybox}]
            """;

    @Test
    void indexedJobsNeedCompletions() {
        Job job = job("indexed", "completionMode: Indexed\nparallelism: 2\n" + NEVER_POD);
        assertThat(Plugins.admit(Requests.create(job)))
                .containsExactly("spec.completions: Required value: when completion mode is Indexed");
    }

    @Test
    void indexedPodHostnamesMustBeDnsLabels() {
        String name = "j".repeat(62);
        Job job = job(name, "completionMode: Indexed\ncompletions: 10\n" + NEVER_POD);
        assertThat(Plugins.admit(Requests.create(job))).containsExactly("metadata.name: Invalid value: \"" + name
                + "\": will not able to create pod with invalid DNS label: " + name + "-9");
    }

    @Test
    void podFailurePolicyRequiresRestartPolicyNever() {
        Job job = job("pfp", """
                podFailurePolicy:
                  rules:
                  - action: FailJob
                    onExitCodes: {operator: In, values: [42]}
                template:
                  spec:
                    restartPolicy: OnFailure
                    containers: [{name: main, image: busybox}]
                """);
        assertThat(Plugins.admit(Requests.create(job))).containsExactly(
                "spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified");
    }

    @Test
    void podFailurePolicyRulesAreValidatedAsKubernetesDoes() {
        Job job = job("pfp", """
                podFailurePolicy:
                  rules:
                  - action: Retry
                    onExitCodes: {containerName: sidecar, operator: Among, values: [3, 1, 1]}
                  - action: FailIndex
                    onExitCodes: {operator: In, values: [0]}
                  - action: Ignore
                  - action: Count
                    onExitCodes: {operator: NotIn, values: [1]}
                    onPodConditions: [{type: DisruptionTarget}]
                """ + NEVER_POD);
        assertThat(Plugins.admit(Requests.create(job))).containsExactlyInAnyOrder(
                "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Retry\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\"",
                "spec.podFailurePolicy.rules[0].onExitCodes.operator: Unsupported value: \"Among\": supported values: \"In\", \"NotIn\"",
                "spec.podFailurePolicy.rules[0].onExitCodes.containerName: Invalid value: \"sidecar\": must be one of the container or initContainer names in the pod template",
                "spec.podFailurePolicy.rules[0].onExitCodes.values[2]: Duplicate value: 1",
                "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: []int32{3, 1, 1}: must be ordered",
                "spec.podFailurePolicy.rules[1].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set",
                "spec.podFailurePolicy.rules[1].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator",
                "spec.podFailurePolicy.rules[2]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required",
                "spec.podFailurePolicy.rules[3]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported");
    }

    @Test
    void podConditionPatternsDefaultToStatusTrueAndReplacementToFailed() {
        Job job = job("pfp", """
                podFailurePolicy:
                  rules:
                  - action: Ignore
                    onPodConditions: [{type: DisruptionTarget}]
                """ + NEVER_POD);
        assertThat(Plugins.admit(Requests.create(job))).isEmpty();
        assertAt(job, "/spec/podFailurePolicy/rules/0/onPodConditions/0/status", "True");
        assertAt(job, "/spec/podReplacementPolicy", "Failed");
    }

    @Test
    void perIndexLimitsNeedIndexedMode() {
        Job nonIndexed = job("per-index", "backoffLimitPerIndex: 1\nmaxFailedIndexes: 1\n" + NEVER_POD);
        assertThat(Plugins.admit(Requests.create(nonIndexed))).containsExactlyInAnyOrder(
                "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode",
                "spec.maxFailedIndexes: Invalid value: 1: requires indexed completion mode");
        Job tooMany = job("per-index", "completionMode: Indexed\ncompletions: 2\nmaxFailedIndexes: 3\n" + NEVER_POD);
        assertThat(Plugins.admit(Requests.create(tooMany))).containsExactlyInAnyOrder(
                "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified",
                "spec.maxFailedIndexes: Invalid value: 3: must be less than or equal to completions");
        Job valid = job("per-index", "completionMode: Indexed\ncompletions: 3\nbackoffLimitPerIndex: 1\nmaxFailedIndexes: 1\n" + NEVER_POD);
        assertThat(Plugins.admit(Requests.create(valid))).isEmpty();
        assertAt(valid, "/spec/backoffLimit", Integer.MAX_VALUE);
    }
}
