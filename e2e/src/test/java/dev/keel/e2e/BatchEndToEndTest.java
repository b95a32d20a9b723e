package dev.keel.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.Kubectl;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * batch/v1 through the real kubectl 1.27 and 1.33: a per-minute CronJob whose Job's pod runs to completion on a node,
 * {@code kubectl create job --from=cronjob/...}, an Indexed Job whose pods print {@code $JOB_COMPLETION_INDEX}, and a
 * schedule kube-apiserver would refuse, refused in its words.
 */
@LocalClusterTest
class BatchEndToEndTest {

    /** A per-minute schedule fires within 60 s; the pod then has to start and finish on a node. */
    private static final Duration CRON_RUN = Duration.ofSeconds(150);
    private static final Duration JOB_RUN = Duration.ofSeconds(120);

    private static LocalCluster cluster;
    private static final Map<String, String> namespaces = new ConcurrentHashMap<>();

    @BeforeAll
    static void connect() {
        cluster = LocalCluster.get();
        for (String version : Kubectl.VERSIONS) {
            namespaces.put(version, cluster.createNamespace("batch-" + version.replace(".", "")));
        }
    }

    @AfterAll
    static void removeNamespaces() {
        namespaces.values().forEach(namespace -> cluster.release(null, namespace));
    }

    @Test
    void aPerMinuteCronJobOfEitherKubectlStartsAJobWhosePodCompletes() {
        for (String version : Kubectl.VERSIONS) {
            run(version, "create", "cronjob", "tick", "--image=" + LocalCluster.BUSYBOX, "--schedule=*/1 * * * *",
                    "-n", namespaces.get(version), "--", "sh", "-c", "echo tick from $HOSTNAME");
        }
        for (String version : Kubectl.VERSIONS) {
            String namespace = namespaces.get(version);
            Job job = Poll.until(CRON_RUN, "a complete Job of cronjob/tick (kubectl " + version + ")",
                    () -> completeJob(namespace, "tick").orElse(null));
            assertThat(job.getMetadata().getName()).matches("tick-\\d+");
            assertThat(job.getMetadata().getAnnotations()).containsKey("batch.kubernetes.io/cronjob-scheduled-timestamp");
            assertThat(run(version, "logs", "-n", namespace, "job/" + job.getMetadata().getName())).contains("tick from");
            String listed = run(version, "get", "cronjob", "tick", "-n", namespace);
            assertThat(listed).containsPattern("tick\\s+\\*/1 \\* \\* \\* \\*\\s+<none>\\s+False\\s+\\d+\\s+\\S+");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void kubectlCreatesAJobFromACronJob(String version) {
        String namespace = namespaces.get(version);
        run(version, "create", "cronjob", "yearly", "--image=" + LocalCluster.BUSYBOX, "--schedule=@yearly",
                "-n", namespace, "--", "sh", "-c", "echo by hand");
        assertThat(run(version, "create", "job", "yearly-now", "--from=cronjob/yearly", "-n", namespace))
                .contains("job.batch/yearly-now created");
        assertThat(run(version, "wait", "--for=condition=complete", "job/yearly-now", "-n", namespace,
                "--timeout=" + JOB_RUN.toSeconds() + "s")).contains("condition met");
        assertThat(run(version, "logs", "-n", namespace, "job/yearly-now")).contains("by hand");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void anIndexedJobsPodsPrintTheirCompletionIndex(String version) {
        String namespace = namespaces.get(version);
        Kubectl.Result applied = cluster.kubectlOf(version).runWithInput("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: indexed}
                spec:
                  completionMode: Indexed
                  completions: 3
                  parallelism: 3
                  template:
                    spec:
                      restartPolicy: Never
                      containers:
                      - name: main
                        image: %s
                        command: [sh, -c, 'echo index=$JOB_COMPLETION_INDEX host=$(hostname)']
                """.formatted(LocalCluster.BUSYBOX), "apply", "-n", namespace, "-f", "-");
        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(run(version, "wait", "--for=condition=complete", "job/indexed", "-n", namespace,
                "--timeout=" + JOB_RUN.toSeconds() + "s")).contains("condition met");

        PodList pods = cluster.kubectlJson(PodList.class, "get", "pods", "-n", namespace, "-l", "batch.kubernetes.io/job-name=indexed");
        List<String> printed = new ArrayList<>();
        for (Pod pod : pods.getItems()) {
            printed.add(run(version, "logs", "-n", namespace, pod.getMetadata().getName()).strip());
        }
        assertThat(printed).containsExactlyInAnyOrder("index=0 host=indexed-0", "index=1 host=indexed-1", "index=2 host=indexed-2");
        Job job = cluster.kubectlJson(Job.class, "get", "job", "indexed", "-n", namespace);
        assertThat(job.getStatus().getCompletedIndexes()).isEqualTo("0-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.27", "1.33"})
    void anInvalidScheduleOrTimeZoneIsRefusedInKubernetesWords(String version) {
        String namespace = namespaces.get(version);
        Kubectl.Result schedule = cluster.kubectlOf(version).run("create", "cronjob", "bad", "--image=" + LocalCluster.BUSYBOX,
                "--schedule=61 * * * *", "-n", namespace);
        assertThat(schedule.exitCode()).isNotZero();
        assertThat(schedule.err()).contains("CronJob.batch \"bad\" is invalid: spec.schedule: Invalid value: \"61 * * * *\": "
                + "end of range (61) above maximum (59): 61");
        Kubectl.Result zone = cluster.kubectlOf(version).runWithInput("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: bad}
                spec:
                  schedule: "0 * * * *"
                  timeZone: Mars/Olympus
                  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: main, image: %s}]}}}}
                """.formatted(LocalCluster.BUSYBOX), "apply", "-n", namespace, "-f", "-");
        assertThat(zone.exitCode()).isNotZero();
        assertThat(zone.err()).contains("spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus");
        assertThat(cluster.kubectlOf(version).run("get", "cronjob", "bad", "-n", namespace).err()).contains("NotFound");
    }

    private static Optional<Job> completeJob(String namespace, String cronJob) {
        JobList jobs = cluster.kubectlJson(JobList.class, "get", "jobs", "-n", namespace);
        return jobs.getItems().stream()
                .filter(job -> job.getMetadata().getOwnerReferences() != null && job.getMetadata().getOwnerReferences().stream()
                        .anyMatch(owner -> "CronJob".equals(owner.getKind()) && cronJob.equals(owner.getName())))
                .filter(job -> job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                        .stream().anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus())))
                .findFirst();
    }

    private static String run(String version, String... args) {
        Kubectl.Result result = cluster.kubectlOf(version).run(args);
        assertThat(result.exitCode()).as("kubectl " + version + " " + String.join(" ", args) + ": " + result.all()).isZero();
        return result.out();
    }
}
