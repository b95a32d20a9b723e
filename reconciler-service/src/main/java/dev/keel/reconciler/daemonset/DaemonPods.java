package dev.keel.reconciler.daemonset;

import dev.keel.reconciler.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeAffinity;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A DaemonSet's pods: pinned to their node by node affinity (the scheduler binds them), with the daemon tolerations. */
public final class DaemonPods {

    public static final String REVISION_LABEL = "controller-revision-hash";

    /**
     * Kubernetes' DaemonSet pods tolerate these, so a daemon keeps running on (and is placed on) a node that is not
     * ready, unreachable, under pressure or cordoned.
     */
    static final List<Toleration> DEFAULT_TOLERATIONS = List.of(
            toleration("node.kubernetes.io/not-ready", "NoExecute"),
            toleration("node.kubernetes.io/unreachable", "NoExecute"),
            toleration("node.kubernetes.io/disk-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/memory-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/pid-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/unschedulable", "NoSchedule"));
    /** Added for host-network daemons only, as in Kubernetes. */
    static final Toleration NETWORK_UNAVAILABLE = toleration("node.kubernetes.io/network-unavailable", "NoSchedule");

    private DaemonPods() {
    }

    /** The tolerations a daemon pod of {@code spec} ends up with: its own plus the defaults it lacks. */
    public static List<Toleration> tolerations(PodSpec spec) {
        List<Toleration> result = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
        List<Toleration> defaults = new ArrayList<>(DEFAULT_TOLERATIONS);
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            defaults.add(NETWORK_UNAVAILABLE);
        }
        for (Toleration wanted : defaults) {
            boolean present = result.stream().anyMatch(existing -> Objects.equals(existing.getKey(), wanted.getKey())
                    && Objects.equals(existing.getEffect(), wanted.getEffect()));
            if (!present) {
                result.add(wanted);
            }
        }
        return result;
    }

    /** A pod for {@code nodeName}, created with generateName {@code <set>-}. */
    public static Pod pod(DaemonSet set, String nodeName, String hash) {
        Pod pod = PodTemplates.podFrom(set.getSpec().getTemplate(), set, set.getMetadata().getName() + "-");
        pod.getMetadata().getLabels().put(REVISION_LABEL, hash);
        pod.getSpec().setTolerations(tolerations(pod.getSpec()));
        // Only this node: the required terms were already checked against it, so they are replaced, as Kubernetes does.
        Affinity affinity = pod.getSpec().getAffinity() == null ? new Affinity() : pod.getSpec().getAffinity();
        NodeAffinity nodeAffinity = affinity.getNodeAffinity() == null ? new NodeAffinity() : affinity.getNodeAffinity();
        nodeAffinity.setRequiredDuringSchedulingIgnoredDuringExecution(new NodeSelectorBuilder()
                .addNewNodeSelectorTerm().addNewMatchField().withKey("metadata.name").withOperator("In")
                .withValues(nodeName).endMatchField().endNodeSelectorTerm().build());
        affinity.setNodeAffinity(nodeAffinity);
        pod.getSpec().setAffinity(affinity);
        return pod;
    }

    /** The node a daemon pod runs on, or the node its affinity pins it to while it waits for the scheduler. */
    public static Optional<String> targetNode(Pod pod) {
        if (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty()) {
            return Optional.of(pod.getSpec().getNodeName());
        }
        if (pod.getSpec().getAffinity() == null || pod.getSpec().getAffinity().getNodeAffinity() == null
                || pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() == null) {
            return Optional.empty();
        }
        return pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().stream()
                .flatMap(term -> term.getMatchFields() == null ? java.util.stream.Stream.empty() : term.getMatchFields().stream())
                .filter(field -> "metadata.name".equals(field.getKey()) && "In".equals(field.getOperator())
                        && field.getValues() != null && field.getValues().size() == 1)
                .map(field -> field.getValues().get(0))
                .findFirst();
    }

    private static Toleration toleration(String key, String effect) {
        return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
    }
}
