package dev.keel.reconciler.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobIndexingTest {

    private static final Job JOB = Serialization.unmarshal("""
            metadata: {name: j, namespace: ns}
            spec:
              completionMode: Indexed
              completions: 2
              backoffLimitPerIndex: 0
              podFailurePolicy:
                rules:
                - action: Ignore
                  onPodConditions: [{type: DisruptionTarget, status: "True"}]
            """, Job.class);

    private static Pod failedPod(int index, String condition) {
        return Serialization.unmarshal("""
                metadata:
                  name: j-%d-x
                  namespace: ns
                  annotations: {batch.kubernetes.io/job-completion-index: "%d"}
                status:
                  phase: Failed
                  conditions: [{type: %s, status: "True"}]
                  containerStatuses: [{name: main, state: {terminated: {exitCode: 1}}}]
                """.formatted(index, index, condition), Pod.class);
    }

    /** As Kubernetes: a failure the pod failure policy ignores does not count against backoffLimitPerIndex. */
    @Test
    void anIgnoredFailureDoesNotFailItsIndex() {
        JobStatus status = new JobStatus();

        JobIndexing.countIndexes(JOB, status, List.of(), List.of(failedPod(0, "DisruptionTarget"), failedPod(1, "Ready")));

        assertThat(status.getFailedIndexes()).isEqualTo("1");
    }
}
