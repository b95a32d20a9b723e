package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
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

class WorkloadValidationTest {

    private static final String MISMATCH = "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: "
            + "`selector` does not match template `labels`";

    private static Deployment deployment(RollingUpdateDeployment rollingUpdate) {
        Deployment deployment = workload().deployment();
        deployment.getSpec().setStrategy(new DeploymentStrategy(rollingUpdate, "RollingUpdate"));
        return deployment;
    }

    static Stream<Arguments> creates() {
        return Stream.of(
                arguments("valid deployment", (Supplier<HasMetadata>) () -> workload().deployment(), List.of()),
                arguments("valid replica set", (Supplier<HasMetadata>) () -> workload().replicaSet(), List.of()),
                arguments("valid daemon set", (Supplier<HasMetadata>) () -> workload().daemonSet(), List.of()),
                arguments("valid stateful set", (Supplier<HasMetadata>) () -> workload().statefulSet(), List.of()),
                arguments("valid job", (Supplier<HasMetadata>) () -> workload().job(), List.of()),
                arguments("deployment selector not matching", (Supplier<HasMetadata>) () -> workload().selector(Map.of("app", "api")).deployment(),
                        List.of(MISMATCH)),
                arguments("replica set selector not matching", (Supplier<HasMetadata>) () -> workload().selector(Map.of("app", "api")).replicaSet(),
                        List.of(MISMATCH)),
                arguments("daemon set selector not matching", (Supplier<HasMetadata>) () -> workload().selector(Map.of("app", "api")).daemonSet(),
                        List.of(MISMATCH)),
                arguments("stateful set selector not matching", (Supplier<HasMetadata>) () -> workload().selector(Map.of("app", "api")).statefulSet(),
                        List.of(MISMATCH)),
                arguments("deployment without selector", (Supplier<HasMetadata>) () -> workload().selector(null).deployment(),
                        List.of("spec.selector: Required value")),
                arguments("daemon set with empty selector", (Supplier<HasMetadata>) () -> workload().selector(Map.of()).daemonSet(),
                        List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), "
                                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for daemonset")),
                arguments("negative replicas", (Supplier<HasMetadata>) () -> {
                    Deployment deployment = workload().deployment();
                    deployment.getSpec().setReplicas(-1);
                    return deployment;
                }, List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
                arguments("no surge and no unavailability", (Supplier<HasMetadata>) () ->
                        deployment(new RollingUpdateDeployment(new IntOrString("0%"), new IntOrString(0))),
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, "
                                + "StrVal:\"\"}: may not be 0 when `maxSurge` is 0")),
                arguments("more than everything unavailable", (Supplier<HasMetadata>) () ->
                        deployment(new RollingUpdateDeployment(new IntOrString(1), new IntOrString("150%"))),
                        List.of("spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, "
                                + "StrVal:\"150%\"}: must not be greater than 100%")),
                arguments("deployment pods that stop", (Supplier<HasMetadata>) () -> workload()
                        .template(pod -> pod.spec(spec -> spec.setRestartPolicy("Never"))).deployment(),
                        List.of("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"")),
                arguments("deployment template without image", (Supplier<HasMetadata>) () -> workload()
                        .template(pod -> pod.withContainer(c -> c.setImage(null))).deployment(),
                        List.of("spec.template.spec.containers[0].image: Required value")),
                arguments("daemon set surging and leaving nodes unavailable", (Supplier<HasMetadata>) () -> {
                    DaemonSet daemonSet = workload().daemonSet();
                    Plugins.defaulted(Requests.create(daemonSet));
                    daemonSet.getSpec().getUpdateStrategy().getRollingUpdate().setMaxSurge(new IntOrString(1));
                    return daemonSet;
                }, List.of("spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, "
                        + "StrVal:\"\"}: may not be set when maxUnavailable is non-zero")),
                arguments("job pods that restart forever", (Supplier<HasMetadata>) () -> workload()
                        .template(pod -> pod.spec(spec -> spec.setRestartPolicy("Always"))).job(),
                        List.of("spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"")),
                arguments("job with its own selector but no manualSelector", (Supplier<HasMetadata>) () -> {
                    Job job = workload().job();
                    LabelSelector selector = new LabelSelector();
                    selector.setMatchLabels(Map.of("app", "web"));
                    job.getSpec().setSelector(selector);
                    return job;
                }, List.of("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web\", "
                        + "\"batch.kubernetes.io/controller-uid\":\"%s\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
                        + "`selector` not auto-generated")),
                arguments("job with manualSelector but no selector", (Supplier<HasMetadata>) () -> {
                    Job job = workload().job();
                    job.getSpec().setManualSelector(true);
                    return job;
                }, List.of("spec.selector: Required value")),
                arguments("stateful set mounting its claim templates", (Supplier<HasMetadata>) () -> {
                    StatefulSet statefulSet = workload().template(pod -> pod.withContainer(c -> c.getVolumeMounts().add(
                            new VolumeMountBuilder().withName("data").withMountPath("/data").build())))
                            .statefulSet();
                    PersistentVolumeClaim claim = new PersistentVolumeClaim();
                    ObjectMeta meta = new ObjectMeta();
                    meta.setName("data");
                    claim.setMetadata(meta);
                    statefulSet.getSpec().setVolumeClaimTemplates(List.of(claim));
                    return statefulSet;
                }, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("creates")
    void validatesWorkloadsOnCreate(String title, Supplier<HasMetadata> object, List<String> expected) {
        HasMetadata workload = object.get();
        String uid = workload.getMetadata().getUid();
        assertThat(Plugins.admit(Requests.create(workload)))
                .containsExactlyElementsOf(expected.stream().map(line -> line.replace("%s", uid)).toList());
    }

    private static <T extends HasMetadata> T created(T workload) {
        Plugins.defaulted(Requests.create(workload));
        return workload;
    }

    @Test
    void selectorsAreFixedAfterCreation() {
        Deployment old = created(workload().deployment());
        Deployment updated = ModelTrees.copy(old);
        updated.getSpec().getSelector().setMatchLabels(Map.of("app", "api"));
        updated.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "api"));
        ReplicaSet oldSet = created(workload().replicaSet());
        ReplicaSet updatedSet = ModelTrees.copy(oldSet);
        updatedSet.getSpec().getSelector().setMatchLabels(Map.of("app", "web", "tier", "front"));
        updatedSet.getSpec().getTemplate().getMetadata().setLabels(Map.of("app", "web", "tier", "front"));

        assertThat(Plugins.admit(Requests.update(updated, old))).containsExactly("spec.selector: Invalid value: "
                + "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"api\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: "
                + "field is immutable");
        assertThat(Plugins.admit(Requests.update(updatedSet, oldSet))).singleElement().asString()
                .startsWith("spec.selector: Invalid value:").endsWith("field is immutable");
    }

    @Test
    void scalingAndNewTemplatesAreAllowed() {
        Deployment old = created(workload().deployment());
        Deployment updated = ModelTrees.copy(old);
        updated.getSpec().setReplicas(5);
        updated.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.28");

        assertThat(Plugins.admit(Requests.update(updated, old))).isEmpty();
    }

    @Test
    void statefulSetsKeepTheirServiceNameAndPolicies() {
        StatefulSet old = created(workload().statefulSet());
        StatefulSet renamed = ModelTrees.copy(old);
        renamed.getSpec().setServiceName("web-headless");
        StatefulSet scaled = ModelTrees.copy(old);
        scaled.getSpec().setReplicas(3);
        scaled.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("nginx:1.28");

        assertThat(Plugins.admit(Requests.update(renamed, old))).containsExactly("spec: Forbidden: updates to statefulset spec for "
                + "fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' "
                + "and 'minReadySeconds' are forbidden");
        assertThat(Plugins.admit(Requests.update(scaled, old))).isEmpty();
    }

    @Test
    void jobTemplatesAreFixedUnlessTheJobNeverRan() {
        Job old = created(workload().job());
        Job retemplated = ModelTrees.copy(old);
        retemplated.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("busybox:2");
        Job rescaled = ModelTrees.copy(old);
        rescaled.getSpec().setParallelism(3);

        assertThat(Plugins.admit(Requests.update(retemplated, old))).containsExactly("spec.template: Invalid value: field is immutable");
        assertThat(Plugins.admit(Requests.update(rescaled, old))).isEmpty();

        Job suspended = created(workload().job());
        suspended.getSpec().setSuspend(true);
        Job moved = ModelTrees.copy(suspended);
        moved.getSpec().getTemplate().getSpec().setNodeSelector(Map.of("zone", "b"));
        assertThat(Plugins.admit(Requests.update(moved, suspended))).isEmpty();
    }

    @Test
    void statusWritesSkipSpecChecks() {
        Deployment old = created(workload().deployment());
        Deployment reported = ModelTrees.copy(old);
        reported.getSpec().getSelector().setMatchLabels(Map.of("app", "api"));

        assertThat(Plugins.admit(Requests.subresource("status", reported, old))).isEmpty();
    }
}
