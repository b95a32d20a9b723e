package dev.keel.reconciler.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.Conflicts;
import dev.keel.reconciler.testing.KubeletNamespace;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private final KubernetesClient client = cluster.client();

    @RegisterExtension
    final KubeletNamespace fixture = new KubeletNamespace("job", Duration.ofMillis(100), Duration.ofMillis(100));

    @Test
    void runsPodsInParallelUntilTheCompletionsSucceededAndKubectlWaitSeesIt() {
        fixture.kubelet().exits(pod -> 0, Duration.ofMillis(300));
        Job created = client.batch().v1().jobs().inNamespace(fixture.name()).resource(job("work", "Never").editSpec()
                .withCompletions(3).withParallelism(2).endSpec().build()).create();

        // The process limit leaves room for a slow start on a loaded machine; kubectl's own timeout is the test's.
        Kubectl.Result wait = new Kubectl(Kubectl.VERSIONS.get(0), cluster.api().kubeconfig()).withTimeout(Duration.ofSeconds(120))
                .run("wait", "--for=condition=complete", "job/work", "-n", fixture.name(), "--timeout=40s");
        assertThat(wait.exitCode()).as(wait.all()).isZero();
        assertThat(wait.out()).contains("job.batch/work condition met");
        JobStatus status = status("work");
        assertThat(status.getSucceeded()).isEqualTo(3);
        assertThat(status.getFailed()).isIn(null, 0);
        assertThat(status.getActive()).isIn(null, 0);
        assertThat(status.getStartTime()).isNotNull();
        assertThat(status.getCompletionTime()).isNotNull();
        assertThat(condition("work", "Complete").getReason()).isEqualTo("CompletionsReached");
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods()).hasSize(3).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getFinalizers()).doesNotContain(JobPodTracking.FINALIZER);
            assertThat(pod.getMetadata().getLabels())
                    .containsEntry("batch.kubernetes.io/job-name", "work")
                    .containsEntry("batch.kubernetes.io/controller-uid", created.getMetadata().getUid());
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("Job");
                assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
                assertThat(owner.getController()).isTrue();
            });
        }));
        await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("Normal")).contains("SuccessfulCreate", "Completed"));
    }

    @Test
    void failedPodsAreReplacedUntilTheBackoffLimitIsExceeded() {
        fixture.kubelet().exits(pod -> 1, Duration.ofMillis(200));
        client.batch().v1().jobs().inNamespace(fixture.name()).resource(job("flaky", "Never").editSpec()
                .withBackoffLimit(2).endSpec().build()).create();

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("flaky", "Failed")).isNotNull());
        assertThat(condition("flaky", "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(status("flaky").getFailed()).isEqualTo(3);
        List<Instant> starts = pods().stream().map(pod -> Instant.parse(pod.getMetadata().getCreationTimestamp())).sorted().toList();
        assertThat(starts).hasSize(3);
        // Replacements wait the back-off, doubled for the second failure in a row (the base is 1 s in these tests).
        assertThat(Duration.between(starts.get(1), starts.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("Warning")).contains("BackoffLimitExceeded"));
    }

    @Test
    void containerRestartsCountTowardTheBackoffLimitWithOnFailure() {
        fixture.kubelet().exits(pod -> 1, Duration.ofMillis(200));
        client.batch().v1().jobs().inNamespace(fixture.name()).resource(job("restarts", "OnFailure").editSpec()
                .withBackoffLimit(2).endSpec().build()).create();

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("restarts", "Failed")).isNotNull());
        assertThat(condition("restarts", "Failed").getReason()).isEqualTo("BackoffLimitExceeded");
        // One pod, restarted in place until the limit, then stopped.
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods()).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(status("restarts").getFailed()).isEqualTo(1));
    }

    @Test
    void stopsAtTheActiveDeadline() {
        client.batch().v1().jobs().inNamespace(fixture.name()).resource(job("slow", "Never").editSpec()
                .withActiveDeadlineSeconds(2L).withParallelism(2).withCompletions(2).endSpec().build()).create();

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("slow", "Failed")).isNotNull());
        assertThat(condition("slow", "Failed").getReason()).isEqualTo("DeadlineExceeded");
        await().atMost(WAIT).untilAsserted(() -> assertThat(pods()).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(status("slow").getFailed()).isEqualTo(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("Warning")).contains("DeadlineExceeded"));
    }

    @Test
    void aSuspendedJobRunsNoPodsUntilResumed() {
        fixture.kubelet().exits(pod -> 0, Duration.ofMillis(100));
        client.batch().v1().jobs().inNamespace(fixture.name()).resource(job("later", "Never").editSpec()
                .withSuspend(true).endSpec().build()).create();

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("later", "Suspended")).isNotNull()
                .extracting(JobCondition::getReason).isEqualTo("JobSuspended"));
        assertThat(pods()).isEmpty();
        assertThat(status("later").getStartTime()).isNull();

        Conflicts.retry(() -> client.batch().v1().jobs().inNamespace(fixture.name()).withName("later").edit(job -> {
            job.getSpec().setSuspend(false);
            return job;
        }));

        await().atMost(WAIT).untilAsserted(() -> assertThat(condition("later", "Complete")).isNotNull());
        assertThat(status("later").getConditions()).anySatisfy(condition -> {
            assertThat(condition.getType()).isEqualTo("Suspended");
            assertThat(condition.getStatus()).isEqualTo("False");
            assertThat(condition.getReason()).isEqualTo("JobResumed");
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("Normal")).contains("Suspended", "Resumed"));
    }

    @Test
    void aFinishedJobIsDeletedAfterItsTtl() {
        fixture.kubelet().exits(pod -> 0, Duration.ofMillis(100));
        client.batch().v1().jobs().inNamespace(fixture.name()).resource(job("brief", "Never").editSpec()
                .withTtlSecondsAfterFinished(1).endSpec().build()).create();

        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(fixture.name()).withName("brief").get() == null);
        // Deleted in the foreground: its pods went with it.
        assertThat(pods()).isEmpty();
    }

    private static JobBuilder job(String name, String restartPolicy) {
        return new JobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                    .withNewTemplate()
                        .withNewSpec()
                            .withRestartPolicy(restartPolicy)
                            .addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35").withCommand("true").endContainer()
                        .endSpec()
                    .endTemplate()
                .endSpec();
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

    private List<String> reasons(String type) {
        return client.v1().events().inNamespace(fixture.name()).list().getItems().stream()
                .filter(event -> type.equals(event.getType())).map(event -> event.getReason()).toList();
    }
}
