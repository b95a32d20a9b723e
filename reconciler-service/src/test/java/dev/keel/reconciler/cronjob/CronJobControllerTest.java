package dev.keel.reconciler.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.Kubectl;
import dev.keel.reconciler.testing.Conflicts;
import dev.keel.reconciler.testing.KubeletNamespace;
import dev.keel.reconciler.testing.MutableClock;
import dev.keel.reconciler.testing.ReconcilerTestCluster;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CronJob reconciler against the test cluster, driven by a clock the test sets. Its schedules fire only on
 * 29 February, which the suite's running controller (on the real clock) will not reach for a long while, so only
 * the test's reconciler starts Jobs; the running Job controller runs them.
 */
class CronJobControllerTest {

    private static final Duration WAIT = Duration.ofSeconds(40);

    private static final ReconcilerTestCluster cluster = ReconcilerTestCluster.shared();
    private static Informers informers;
    private static EventRecorder events;

    private final KubernetesClient client = cluster.client();
    private final MutableClock clock = new MutableClock(Instant.parse("2028-02-29T00:00:30Z"));
    private final CronJobReconciler reconciler = new CronJobReconciler(client, informers, events, clock, ZoneOffset.UTC);

    @RegisterExtension
    final KubeletNamespace fixture = new KubeletNamespace("cronjob", Duration.ofMillis(100), Duration.ofMillis(100));

    @BeforeAll
    static void startCaches() throws InterruptedException {
        informers = new Informers(cluster.client(), Duration.ZERO);
        informers.informer(CronJob.class);
        informers.informer(Job.class);
        informers.start();
        informers.awaitSynced(WAIT);
        events = new EventRecorder(cluster.client(), "cronjob-test", "test", java.time.Clock.systemUTC());
    }

    @AfterAll
    static void stopCaches() {
        events.close();
        informers.close();
    }

    @Test
    void startsTheDueJobInItsTimeZoneAndSeesItComplete() {
        fixture.kubelet().exits(pod -> 0, Duration.ofMillis(200));
        clock.set(Instant.parse("2028-02-29T01:30:20Z"));
        CronJob cronJob = create(cronJob("nightly", "30 10 29 2 *").editSpec().withTimeZone("Asia/Tokyo").endSpec().build());
        Instant scheduled = Instant.parse("2028-02-29T01:30:00Z");
        String jobName = "nightly-" + scheduled.getEpochSecond() / 60;

        AtomicReference<Result> result = new AtomicReference<>();
        Job job = reconcileUntilJob("nightly", jobName, result);
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry(CronJobReconciler.SCHEDULED_TIMESTAMP, "2028-02-29T10:30:00+09:00");
        assertThat(job.getMetadata().getLabels()).containsEntry("app", "nightly");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("CronJob");
            assertThat(owner.getUid()).isEqualTo(cronJob.getMetadata().getUid());
            assertThat(owner.getController()).isTrue();
        });
        await().atMost(WAIT).untilAsserted(() -> {
            CronJob current = get("nightly");
            assertThat(current.getStatus().getActive()).singleElement().satisfies(ref -> {
                assertThat(ref.getName()).isEqualTo(jobName);
                assertThat(ref.getKind()).isEqualTo("Job");
            });
            assertThat(current.getStatus().getLastScheduleTime()).isEqualTo("2028-02-29T01:30:00Z");
        });
        // Woken at the next activation, four years on, not before.
        assertThat(result.get().requeueAfter()).contains(Duration.between(clock.instant(), Instant.parse("2032-02-29T01:30:00Z"))
                .plus(ScheduleTimes.NEXT_SCHEDULE_DELTA));

        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            reconciler.reconcile(new Request(fixture.name(), "nightly"));
            CronJob current = get("nightly");
            assertThat(current.getStatus().getActive()).isNullOrEmpty();
            assertThat(current.getStatus().getLastSuccessfulTime()).isNotNull();
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("Normal")).contains("SuccessfulCreate", "SawCompletedJob"));
    }

    @Test
    void kubectlCreatesAJobFromTheCronJob() {
        create(cronJob("report", "0 0 29 2 *").build());
        Kubectl.Result created = new Kubectl(Kubectl.VERSIONS.get(0), cluster.api().kubeconfig()).withTimeout(Duration.ofSeconds(60))
                .run("create", "job", "report-now", "--from=cronjob/report", "-n", fixture.name());
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("job.batch/report-now created");
        Job job = client.batch().v1().jobs().inNamespace(fixture.name()).withName("report-now").get();
        assertThat(job.getMetadata().getAnnotations()).containsEntry("cronjob.kubernetes.io/instantiate", "manual");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("CronJob"));
        assertThat(job.getSpec().getTemplate().getSpec().getContainers()).singleElement()
                .satisfies(container -> assertThat(container.getImage()).isEqualTo("localhost:5000/busybox:1.35"));

        // The garbage collector knows CronJobs as owners: their Jobs go with them.
        client.batch().v1().cronjobs().inNamespace(fixture.name()).withName("report").delete();
        await().atMost(WAIT).until(() -> client.batch().v1().jobs().inNamespace(fixture.name()).withName("report-now").get() == null);
    }

    @Test
    void forbidWaitsForTheRunningJobAndReplaceDeletesIt() {
        create(cronJob("exclusive", "*/1 * 29 2 *").editSpec().withConcurrencyPolicy("Forbid").endSpec().build());
        String first = "exclusive-" + Instant.parse("2028-02-29T00:00:00Z").getEpochSecond() / 60;
        reconcileUntilJob("exclusive", first, new AtomicReference<>());
        awaitActive("exclusive", first);

        clock.set(Instant.parse("2028-02-29T00:01:30Z"));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            reconciler.reconcile(new Request(fixture.name(), "exclusive"));
            assertThat(reasons("Normal")).contains("JobAlreadyActive");
        });
        assertThat(jobNames()).containsExactly(first);

        Conflicts.retry(() -> client.batch().v1().cronjobs().inNamespace(fixture.name()).withName("exclusive").edit(current -> {
            current.getSpec().setConcurrencyPolicy("Replace");
            return current;
        }));
        String second = "exclusive-" + Instant.parse("2028-02-29T00:01:00Z").getEpochSecond() / 60;
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            reconciler.reconcile(new Request(fixture.name(), "exclusive"));
            assertThat(jobNames()).contains(second);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(liveJobNames()).containsExactly(second));
        awaitActive("exclusive", second);
        await().atMost(WAIT).untilAsserted(() -> assertThat(reasons("Normal")).contains("SuccessfulDelete"));
    }

    @Test
    void tooManyMissedStartsAreReportedAndStartingDeadlineSecondsBoundsTheLookBack() {
        clock.set(Instant.parse("2028-02-29T03:00:30Z"));
        create(cronJob("late", "*/1 * 29 2 *").build());
        create(cronJob("bounded", "*/1 * 29 2 *").editSpec().withStartingDeadlineSeconds(60L).endSpec().build());
        create(cronJob("strict", "*/1 * 29 2 *").editSpec().withStartingDeadlineSeconds(10L).endSpec().build());
        Instant scheduled = Instant.parse("2028-02-29T03:00:00Z");

        reconcileUntilJob("late", "late-" + scheduled.getEpochSecond() / 60, new AtomicReference<>());
        await().atMost(WAIT).untilAsserted(() -> assertThat(warnings("late")).contains("TooManyMissedTimes"));
        reconcileUntilJob("bounded", "bounded-" + scheduled.getEpochSecond() / 60, new AtomicReference<>());

        Result strict = reconciler.reconcile(new Request(fixture.name(), "strict"));
        assertThat(strict.requeueAfter()).contains(Duration.ofSeconds(30).plus(ScheduleTimes.NEXT_SCHEDULE_DELTA));
        assertThat(jobNames()).noneMatch(name -> name.startsWith("strict-"));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(warnings("bounded")).doesNotContain("TooManyMissedTimes"));
    }

    @Test
    void anIrregularSchedulesMissedWindowStartsItsJobAndWaitsForTheNextActivation() {
        // Twice a minute apart, then years apart: looked at by noon, the first gap says nothing about the others.
        clock.set(Instant.parse("2028-02-29T12:00:30Z"));
        create(cronJob("twice", "0,1 0 29 2 *").build());
        Instant scheduled = Instant.parse("2028-02-29T00:01:00Z");

        AtomicReference<Result> result = new AtomicReference<>();
        reconcileUntilJob("twice", "twice-" + scheduled.getEpochSecond() / 60, result);

        assertThat(result.get().requeueAfter()).contains(Duration.between(clock.instant(),
                Instant.parse("2032-02-29T00:00:00Z")).plus(ScheduleTimes.NEXT_SCHEDULE_DELTA));
    }

    @Test
    void keepsOnlyTheNewestFinishedJobsOfTheHistoryLimits() {
        fixture.kubelet().exits(pod -> 0, Duration.ofMillis(100));
        create(cronJob("hourly", "*/1 * 29 2 *").editSpec().withSuccessfulJobsHistoryLimit(1).endSpec().build());
        String first = "hourly-" + Instant.parse("2028-02-29T00:00:00Z").getEpochSecond() / 60;
        String second = "hourly-" + Instant.parse("2028-02-29T00:01:00Z").getEpochSecond() / 60;
        reconcileUntilJob("hourly", first, new AtomicReference<>());
        await().atMost(WAIT).until(() -> complete(first));

        clock.set(Instant.parse("2028-02-29T00:01:30Z"));
        reconcileUntilJob("hourly", second, new AtomicReference<>());
        await().atMost(WAIT).until(() -> complete(second));
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            reconciler.reconcile(new Request(fixture.name(), "hourly"));
            assertThat(liveJobNames()).containsExactly(second);
        });
    }

    @Test
    void aSuspendedCronJobStartsNothing() {
        create(cronJob("paused", "*/1 * 29 2 *").editSpec().withSuspend(true).endSpec().build());
        await().atMost(WAIT).until(() -> informers.get(CronJob.class, fixture.name(), "paused").isPresent());
        Result result = reconciler.reconcile(new Request(fixture.name(), "paused"));
        assertThat(result.requeueAfter()).isEmpty();
        assertThat(jobNames()).isEmpty();
    }

    private Job reconcileUntilJob(String cronJob, String jobName, AtomicReference<Result> result) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            result.set(reconciler.reconcile(new Request(fixture.name(), cronJob)));
            assertThat(jobNames()).contains(jobName);
        });
        return client.batch().v1().jobs().inNamespace(fixture.name()).withName(jobName).get();
    }

    private void awaitActive(String cronJob, String jobName) {
        await().atMost(WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(get(cronJob).getStatus().getActive()).extracting(ref -> ref.getName()).containsExactly(jobName);
            assertThat(informers.get(CronJob.class, fixture.name(), cronJob).orElseThrow().getStatus().getActive())
                    .extracting(ref -> ref.getName()).containsExactly(jobName);
        });
    }

    private boolean complete(String jobName) {
        Job job = client.batch().v1().jobs().inNamespace(fixture.name()).withName(jobName).get();
        return job != null && CronJobHistory.finishedCondition(job).filter("Complete"::equals).isPresent();
    }

    private CronJob create(CronJob cronJob) {
        CronJob created = client.batch().v1().cronjobs().inNamespace(fixture.name()).resource(cronJob).create();
        await().atMost(WAIT).until(() -> informers.get(CronJob.class, fixture.name(), cronJob.getMetadata().getName()).isPresent());
        return created;
    }

    private CronJob get(String name) {
        return client.batch().v1().cronjobs().inNamespace(fixture.name()).withName(name).get();
    }

    private List<String> jobNames() {
        return client.batch().v1().jobs().inNamespace(fixture.name()).list().getItems().stream()
                .map(job -> job.getMetadata().getName()).toList();
    }

    private List<String> liveJobNames() {
        return client.batch().v1().jobs().inNamespace(fixture.name()).list().getItems().stream()
                .filter(job -> job.getMetadata().getDeletionTimestamp() == null)
                .map(job -> job.getMetadata().getName()).toList();
    }

    private List<String> reasons(String type) {
        return client.v1().events().inNamespace(fixture.name()).list().getItems().stream()
                .filter(event -> type.equals(event.getType())).map(event -> event.getReason()).toList();
    }

    private List<String> warnings(String cronJob) {
        return client.v1().events().inNamespace(fixture.name()).list().getItems().stream()
                .filter(event -> "Warning".equals(event.getType()) && cronJob.equals(event.getInvolvedObject().getName()))
                .map(event -> event.getReason()).toList();
    }

    private static CronJobBuilder cronJob(String name, String schedule) {
        return new CronJobBuilder()
                .withNewMetadata().withName(name).endMetadata()
                .withNewSpec()
                    .withSchedule(schedule)
                    .withNewJobTemplate()
                        .withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec()
                            .withNewTemplate()
                                .withNewSpec()
                                    .withRestartPolicy("Never")
                                    .addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35").withCommand("true").endContainer()
                                .endSpec()
                            .endTemplate()
                        .endSpec()
                    .endJobTemplate()
                .endSpec();
    }
}
