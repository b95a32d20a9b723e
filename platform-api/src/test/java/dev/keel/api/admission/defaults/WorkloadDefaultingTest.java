package dev.keel.api.admission.defaults;

import static dev.keel.api.admission.Fixtures.workload;
import static dev.keel.api.admission.Json.assertAbsent;
import static dev.keel.api.admission.Json.assertAt;
import static dev.keel.api.admission.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.api.admission.JobLabels;
import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadDefaultingTest {

    private static Supplier<HasMetadata> deployment() {
        return () -> workload().deployment();
    }

    private static Supplier<HasMetadata> replicaSet() {
        return () -> workload().replicaSet();
    }

    private static Supplier<HasMetadata> daemonSet() {
        return () -> workload().daemonSet();
    }

    private static Supplier<HasMetadata> statefulSet() {
        return () -> workload().statefulSet();
    }

    private static Supplier<HasMetadata> job() {
        return () -> workload().job();
    }

    static Stream<Arguments> workloadDefaults() {
        return Stream.of(
                arguments("Deployment", deployment(), "/spec/replicas", 1),
                arguments("Deployment", deployment(), "/spec/strategy",
                        json("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":\"25%\"}}")),
                arguments("Deployment", deployment(), "/spec/revisionHistoryLimit", 10),
                arguments("Deployment", deployment(), "/spec/progressDeadlineSeconds", 600),
                arguments("Deployment", deployment(), "/spec/template/spec/restartPolicy", "Always"),
                arguments("Deployment", deployment(), "/spec/template/spec/containers/0/imagePullPolicy", "IfNotPresent"),
                arguments("ReplicaSet", replicaSet(), "/spec/replicas", 1),
                arguments("ReplicaSet", replicaSet(), "/spec/template/spec/dnsPolicy", "ClusterFirst"),
                arguments("DaemonSet", daemonSet(), "/spec/updateStrategy",
                        json("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"maxSurge\":0,\"maxUnavailable\":1}}")),
                arguments("DaemonSet", daemonSet(), "/spec/revisionHistoryLimit", 10),
                arguments("DaemonSet", daemonSet(), "/spec/template/spec/schedulerName", "default-scheduler"),
                arguments("StatefulSet", statefulSet(), "/spec/podManagementPolicy", "OrderedReady"),
                arguments("StatefulSet", statefulSet(), "/spec/updateStrategy",
                        json("{\"type\":\"RollingUpdate\",\"rollingUpdate\":{\"partition\":0}}")),
                arguments("StatefulSet", statefulSet(), "/spec/persistentVolumeClaimRetentionPolicy",
                        json("{\"whenDeleted\":\"Retain\",\"whenScaled\":\"Retain\"}")),
                arguments("StatefulSet", statefulSet(), "/spec/replicas", 1),
                arguments("StatefulSet", statefulSet(), "/spec/revisionHistoryLimit", 10),
                arguments("Job", job(), "/spec/parallelism", 1),
                arguments("Job", job(), "/spec/completions", 1),
                arguments("Job", job(), "/spec/backoffLimit", 6),
                arguments("Job", job(), "/spec/completionMode", "NonIndexed"),
                arguments("Job", job(), "/spec/suspend", false),
                arguments("Job", job(), "/spec/manualSelector", false),
                arguments("Job", job(), "/spec/podReplacementPolicy", "TerminatingOrFailed"),
                arguments("Job", job(), "/spec/template/spec/terminationGracePeriodSeconds", 30));
    }

    @ParameterizedTest(name = "{0} {2} = {3}")
    @MethodSource("workloadDefaults")
    void fillsWhatTheWorkloadLeavesOut(String kind, Supplier<HasMetadata> object, String pointer, Object expected) {
        HasMetadata workload = object.get();
        Plugins.defaulted(Requests.create(workload));
        assertAt(workload, pointer, expected);
    }

    @Test
    void templatesDoNotGetPodOnlyDefaults() {
        HasMetadata deployment = workload().deployment();
        Plugins.defaulted(Requests.create(deployment));

        assertAbsent(deployment, "/spec/template/spec/enableServiceLinks");
        assertAbsent(deployment, "/spec/template/spec/serviceAccountName");
        assertAbsent(deployment, "/spec/template/spec/tolerations");
        assertAbsent(deployment, "/spec/template/spec/priority");
    }

    @Test
    void jobsGetASelectorOnTheirUidAndMatchingTemplateLabels() {
        Job job = workload().name("pi").job();
        String uid = job.getMetadata().getUid();

        Plugins.defaulted(Requests.create(job));

        assertThat(job.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of(JobLabels.CONTROLLER_UID, uid));
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(Map.of(
                "app", "web",
                JobLabels.CONTROLLER_UID, uid, JobLabels.LEGACY_CONTROLLER_UID, uid,
                JobLabels.JOB_NAME, "pi", JobLabels.LEGACY_JOB_NAME, "pi"));
        // An unlabelled job takes the template's labels, generated ones included.
        assertThat(job.getMetadata().getLabels()).containsEntry(JobLabels.CONTROLLER_UID, uid).containsEntry("app", "web");
    }

    @Test
    void jobsWithAManualSelectorKeepTheirOwn() {
        Job job = workload().job();
        job.getSpec().setManualSelector(true);

        Plugins.defaulted(Requests.create(job));

        assertThat(job.getSpec().getSelector()).isNull();
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).isEqualTo(Map.of("app", "web"));
    }

    @Test
    void parallelJobsWithoutCompletionsKeepItUnset() {
        Job job = workload().job();
        job.getSpec().setParallelism(4);

        Plugins.defaulted(Requests.create(job));

        assertThat(job.getSpec().getCompletions()).isNull();
        assertThat(job.getSpec().getParallelism()).isEqualTo(4);
    }

    @Test
    void claimTemplatesGetClaimDefaults() {
        StatefulSet statefulSet = workload().statefulSet();
        PersistentVolumeClaim claim = new PersistentVolumeClaim();
        ObjectMeta claimMeta = new ObjectMeta();
        claimMeta.setName("data");
        claim.setMetadata(claimMeta);
        statefulSet.getSpec().setVolumeClaimTemplates(List.of(claim));

        Plugins.defaulted(Requests.create(statefulSet));

        assertAt(statefulSet, "/spec/volumeClaimTemplates/0/spec/volumeMode", "Filesystem");
        assertAt(statefulSet, "/spec/volumeClaimTemplates/0/status/phase", "Pending");
    }
}
