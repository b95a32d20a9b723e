package dev.keel.reconciler.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.reconciler.testing.KubeletNamespace;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** completionMode Indexed, backoffLimitPerIndex and podFailurePolicy against the test cluster. */
class IndexedJobControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    @RegisterExtension
    final KubeletNamespace fixture = new KubeletNamespace("indexed", Duration.ofMillis(100), Duration.ofMillis(100));

    @Test
    void eachIndexGetsAPodThatKnowsItsIndexUntilEveryIndexCompleted() {
        fixture.kubelet().exits(pod -> 0, Duration.ofMillis(200));
        create("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: squares}
                spec:
                  completionMode: Indexed
                  completions: 3
                  parallelism: 2
                  template:
                    spec:
                      subdomain: workers
                      restartPolicy: Never
                      containers: [{name: main, image: localhost:5000/busybox:1.35, command: [sh, -c, 'echo $JOB_COMPLETION_INDEX']}]
                """);

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("squares", "Complete")).isNotNull());
        JobStatus status = status("squares");
        assertThat(status.getCompletedIndexes()).isEqualTo("0-2");
        assertThat(status.getSucceeded()).isEqualTo(3);
        List<Pod> pods = pods();
        assertThat(pods).hasSize(3);
        assertThat(pods).extracting(pod -> pod.getMetadata().getAnnotations().get(CompletionIndexes.ANNOTATION))
                .containsExactlyInAnyOrder("0", "1", "2");
        assertThat(pods).allSatisfy(pod -> {
            String index = pod.getMetadata().getAnnotations().get(CompletionIndexes.ANNOTATION);
            assertThat(pod.getMetadata().getLabels()).containsEntry(CompletionIndexes.LABEL, index);
            assertThat(pod.getMetadata().getName()).startsWith("squares-" + index + "-");
            assertThat(pod.getSpec().getHostname()).isEqualTo("squares-" + index);
            assertThat(pod.getSpec().getSubdomain()).isEqualTo("workers");
            assertThat(pod.getSpec().getContainers().get(0).getEnv()).anySatisfy(env -> {
                assertThat(env.getName()).isEqualTo("JOB_COMPLETION_INDEX");
                assertThat(env.getValueFrom().getFieldRef().getFieldPath())
                        .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
            });
        });
    }

    @Test
    void anIndexFailsPastItsBackoffLimitPerIndexAndTheOthersStillRun() {
        fixture.kubelet().exits(pod -> "1".equals(pod.getMetadata().getAnnotations().get(CompletionIndexes.ANNOTATION)) ? 1 : 0,
                Duration.ofMillis(200));
        create("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: per-index}
                spec:
                  completionMode: Indexed
                  completions: 3
                  parallelism: 3
                  backoffLimitPerIndex: 1
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: localhost:5000/busybox:1.35}]
                """);

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("per-index", "Failed")).isNotNull()
                .extracting(JobCondition::getReason).isEqualTo("FailedIndexes"));
        JobStatus status = status("per-index");
        assertThat(status.getCompletedIndexes()).isEqualTo("0,2");
        assertThat(status.getFailedIndexes()).isEqualTo("1");
        assertThat(status.getFailed()).isEqualTo(2);
        assertThat(pods()).filteredOn(pod -> "1".equals(pod.getMetadata().getAnnotations().get(CompletionIndexes.ANNOTATION)))
                .extracting(pod -> pod.getMetadata().getAnnotations().get(CompletionIndexes.FAILURE_COUNT))
                .containsExactlyInAnyOrder("0", "1");
    }

    @Test
    void aFailJobRuleFailsTheJobAtOnce() {
        fixture.kubelet().exits(pod -> 42, Duration.ofMillis(200));
        create("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: fatal}
                spec:
                  backoffLimit: 6
                  podFailurePolicy:
                    rules:
                    - action: FailJob
                      onExitCodes: {containerName: main, operator: In, values: [42]}
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: localhost:5000/busybox:1.35}]
                """);

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("fatal", "Failed")).isNotNull());
        JobCondition failed = condition("fatal", "Failed");
        assertThat(failed.getReason()).isEqualTo("PodFailurePolicy");
        assertThat(failed.getMessage()).matches("Container main for pod " + fixture.name() + "/fatal-\\w+ failed with exit code 42 "
                + "matching FailJob rule at index 0");
        assertThat(pods()).hasSize(1);
    }

    @Test
    void ignoredFailuresDoNotCountAgainstTheBackoffLimit() {
        AtomicInteger started = new AtomicInteger();
        fixture.kubelet().exits(pod -> started.incrementAndGet() <= 2 ? 3 : 0, Duration.ofMillis(200));
        create("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: tolerant}
                spec:
                  backoffLimit: 0
                  podFailurePolicy:
                    rules:
                    - action: Ignore
                      onExitCodes: {operator: In, values: [3]}
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: main, image: localhost:5000/busybox:1.35}]
                """);

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("tolerant", "Complete")).isNotNull());
        assertThat(status("tolerant").getFailed()).isIn(null, 0);
        assertThat(pods()).hasSizeGreaterThanOrEqualTo(2);
    }

    private void create(String yaml) {
        client.batch().v1().jobs().inNamespace(fixture.name()).resource(Serialization.unmarshal(yaml, Job.class)).create();
    }

    private JobStatus status(String name) {
        Job job = client.batch().v1().jobs().inNamespace(fixture.name()).withName(name).get();
        return job.getStatus() == null ? new JobStatus() : job.getStatus();
    }

    private JobCondition condition(String name, String type) {
        List<JobCondition> conditions = status(name).getConditions();
        return conditions == null ? null : conditions.stream()
                .filter(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()))
                .findFirst().orElse(null);
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(fixture.name()).list().getItems();
    }
}
