package dev.keel.scheduler.testing;

import dev.keel.scheduler.framework.PodInfo;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTermBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds pods for tests: {@code pod("a").requesting("cpu", "500m").build()}. */
public final class PodMaker {

    private final PodBuilder pod;
    private final List<Container> containers = new ArrayList<>();
    private final List<Container> initContainers = new ArrayList<>();

    private PodMaker(String name) {
        pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withUid("uid-" + name)
                .endMetadata().withNewSpec().withSchedulerName("default-scheduler").endSpec();
    }

    public static PodMaker pod(String name) {
        return new PodMaker(name);
    }

    /** Adds a container requesting alternating resource names and quantities. */
    public PodMaker requesting(String... resourceAndQuantity) {
        containers.add(container("c" + containers.size(), resourceAndQuantity));
        return this;
    }

    public PodMaker initRequesting(String... resourceAndQuantity) {
        initContainers.add(container("init" + initContainers.size(), resourceAndQuantity));
        return this;
    }

    /** A restartable init container (a sidecar). */
    public PodMaker sidecarRequesting(String... resourceAndQuantity) {
        Container sidecar = container("sidecar" + initContainers.size(), resourceAndQuantity);
        sidecar.setRestartPolicy("Always");
        initContainers.add(sidecar);
        return this;
    }

    public PodMaker overhead(String... resourceAndQuantity) {
        pod.editSpec().withOverhead(quantities(resourceAndQuantity)).endSpec();
        return this;
    }

    public PodMaker image(String image) {
        containers.add(new ContainerBuilder().withName("c" + containers.size()).withImage(image).build());
        return this;
    }

    public PodMaker hostPort(int port, String protocol, String ip) {
        containers.add(new ContainerBuilder().withName("c" + containers.size()).withPorts(new ContainerPortBuilder()
                .withContainerPort(port).withHostPort(port).withProtocol(protocol).withHostIP(ip).build()).build());
        return this;
    }

    public PodMaker namespace(String namespace) {
        pod.editMetadata().withNamespace(namespace).endMetadata();
        return this;
    }

    public PodMaker label(String key, String value) {
        pod.editMetadata().addToLabels(key, value).endMetadata();
        return this;
    }

    public PodMaker nodeName(String node) {
        pod.editSpec().withNodeName(node).endSpec();
        return this;
    }

    public PodMaker priority(int priority) {
        pod.editSpec().withPriority(priority).endSpec();
        return this;
    }

    public PodMaker nodeSelector(String key, String value) {
        pod.editSpec().addToNodeSelector(key, value).endSpec();
        return this;
    }

    public PodMaker toleration(String key, String operator, String value, String effect) {
        pod.editSpec().addToTolerations(new TolerationBuilder().withKey(key).withOperator(operator).withValue(value)
                .withEffect(effect).build()).endSpec();
        return this;
    }

    /** Required node affinity: one term with one expression. */
    public PodMaker requiredNodeAffinity(String key, String operator, String... values) {
        affinity().editOrNewNodeAffinity().editOrNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addToNodeSelectorTerms(new NodeSelectorTermBuilder().withMatchExpressions(new NodeSelectorRequirementBuilder()
                        .withKey(key).withOperator(operator).withValues(values).build()).build())
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec();
        return this;
    }

    public PodMaker preferredNodeAffinity(int weight, String key, String value) {
        affinity().editOrNewNodeAffinity().addToPreferredDuringSchedulingIgnoredDuringExecution(new PreferredSchedulingTermBuilder()
                .withWeight(weight).withNewPreference().withMatchExpressions(new NodeSelectorRequirementBuilder()
                        .withKey(key).withOperator("In").withValues(value).build()).endPreference().build())
                .endNodeAffinity().endAffinity().endSpec();
        return this;
    }

    /** Required pod affinity to pods labelled key=value, by topology key. */
    public PodMaker podAffinity(String key, String value, String topologyKey) {
        affinity().editOrNewPodAffinity().addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels(key, value).build())
                .withTopologyKey(topologyKey).build()).endPodAffinity().endAffinity().endSpec();
        return this;
    }

    public PodMaker podAntiAffinity(String key, String value, String topologyKey) {
        affinity().editOrNewPodAntiAffinity().addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels(key, value).build())
                .withTopologyKey(topologyKey).build()).endPodAntiAffinity().endAffinity().endSpec();
        return this;
    }

    public PodMaker preferredPodAffinity(int weight, String key, String value, String topologyKey) {
        affinity().editOrNewPodAffinity().addToPreferredDuringSchedulingIgnoredDuringExecution(new WeightedPodAffinityTermBuilder()
                .withWeight(weight).withNewPodAffinityTerm()
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels(key, value).build())
                .withTopologyKey(topologyKey).endPodAffinityTerm().build()).endPodAffinity().endAffinity().endSpec();
        return this;
    }

    /** Makes the pod controlled by the apps/v1 workload {@code kind} named {@code name} (e.g. its ReplicaSet). */
    public PodMaker ownedBy(String kind, String name) {
        pod.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind(kind).withName(name)
                .withUid("uid-" + name).withController(true).endOwnerReference().endMetadata();
        return this;
    }

    public PodMaker spread(int maxSkew, String topologyKey, String whenUnsatisfiable, String key, String value) {
        pod.editSpec().addToTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(maxSkew)
                .withTopologyKey(topologyKey).withWhenUnsatisfiable(whenUnsatisfiable)
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels(key, value).build()).build()).endSpec();
        return this;
    }

    private PodBuilder.SpecNested<PodBuilder>.AffinityNested<PodBuilder.SpecNested<PodBuilder>> affinity() {
        return pod.editSpec().editOrNewAffinity();
    }

    public Pod build() {
        List<Container> all = new ArrayList<>(containers);
        if (all.isEmpty()) {
            all.add(new ContainerBuilder().withName("c").withImage("busybox").build());
        }
        return pod.editSpec().withContainers(all).withInitContainers(initContainers).endSpec().build();
    }

    public PodInfo info() {
        return new PodInfo(build());
    }

    private static Container container(String name, String... resourceAndQuantity) {
        return new ContainerBuilder().withName(name).withImage("busybox").withNewResources()
                .withRequests(quantities(resourceAndQuantity)).endResources().build();
    }

    static Map<String, Quantity> quantities(String... resourceAndQuantity) {
        Map<String, Quantity> map = new HashMap<>();
        for (int i = 0; i + 1 < resourceAndQuantity.length; i += 2) {
            map.put(resourceAndQuantity[i], new Quantity(resourceAndQuantity[i + 1]));
        }
        return map;
    }
}
