package dev.keel.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node with the pods placed on it (bound or assumed) and their sums. Immutable: the cache replaces a node's info
 * whenever it changes, so a snapshot is a list of references that no later change can disturb.
 */
public final class NodeInfo {

    private final Node node;
    // Read per node and cycle by filters and scores: taken out of the Node object once, when it changes.
    private final String name;
    private final Map<String, String> labels;
    private final List<Taint> taints;
    private final boolean unschedulable;
    private final List<PodInfo> pods;
    private final Resources allocatable;
    private final Resources requested;
    private final Resources nonZeroRequested;
    private final Set<HostPort> usedPorts;
    private final Map<String, Long> imageSizes;
    private final boolean podsWithAffinity;
    private final boolean podsWithRequiredAntiAffinity;

    private NodeInfo(Node node, List<PodInfo> pods) {
        this.node = node;
        this.name = node == null ? null : node.getMetadata().getName();
        this.labels = node == null || node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        this.taints = node == null || node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        this.unschedulable = node != null && node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        this.pods = Collections.unmodifiableList(pods);
        this.allocatable = allocatableOf(node);
        Resources sum = Resources.ZERO;
        Resources nonZero = Resources.ZERO;
        Set<HostPort> ports = new HashSet<>();
        boolean affinity = false;
        boolean antiAffinity = false;
        for (PodInfo pod : pods) {
            sum = sum.plus(pod.requests());
            nonZero = nonZero.plus(pod.nonZeroRequests());
            ports.addAll(hostPortsOf(pod));
            affinity |= hasAffinity(pod);
            antiAffinity |= !pod.requiredAntiAffinityTerms().isEmpty();
        }
        this.requested = new Resources(sum.milliCpu(), sum.memory(), pods.size(), sum.scalars());
        this.nonZeroRequested = nonZero;
        this.usedPorts = Collections.unmodifiableSet(ports);
        this.imageSizes = imagesOf(node);
        this.podsWithAffinity = affinity || antiAffinity;
        this.podsWithRequiredAntiAffinity = antiAffinity;
    }

    /** A node whose pods changed by one: what does not depend on the pods is taken over, the sums adjusted. */
    private NodeInfo(NodeInfo base, List<PodInfo> pods, Resources requested, Resources nonZeroRequested, Set<HostPort> usedPorts,
                     boolean podsWithAffinity, boolean podsWithRequiredAntiAffinity) {
        this.node = base.node;
        this.name = base.name;
        this.labels = base.labels;
        this.taints = base.taints;
        this.unschedulable = base.unschedulable;
        this.pods = Collections.unmodifiableList(pods);
        this.allocatable = base.allocatable;
        this.requested = new Resources(requested.milliCpu(), requested.memory(), pods.size(), requested.scalars());
        this.nonZeroRequested = nonZeroRequested;
        this.usedPorts = usedPorts;
        this.imageSizes = base.imageSizes;
        this.podsWithAffinity = podsWithAffinity;
        this.podsWithRequiredAntiAffinity = podsWithRequiredAntiAffinity;
    }

    public static NodeInfo of(Node node) {
        return new NodeInfo(node, List.of());
    }

    /** A node with these pods on it. */
    public static NodeInfo of(Node node, List<PodInfo> pods) {
        return new NodeInfo(node, new ArrayList<>(pods));
    }

    public NodeInfo withNode(Node newNode) {
        return new NodeInfo(newNode, new ArrayList<>(pods));
    }

    /** This node with one more pod; the sums are adjusted rather than recounted (the cache calls this per bind). */
    public NodeInfo withPod(PodInfo pod) {
        List<PodInfo> more = new ArrayList<>(pods.size() + 1);
        more.addAll(pods);
        more.add(pod);
        List<HostPort> ports = hostPortsOf(pod);
        Set<HostPort> used = usedPorts;
        if (!ports.isEmpty()) {
            Set<HostPort> union = new HashSet<>(usedPorts);
            union.addAll(ports);
            used = Collections.unmodifiableSet(union);
        }
        boolean antiAffinity = podsWithRequiredAntiAffinity || !pod.requiredAntiAffinityTerms().isEmpty();
        return new NodeInfo(this, more, requested.plus(pod.requests()), nonZeroRequested.plus(pod.nonZeroRequests()), used,
                podsWithAffinity || hasAffinity(pod), antiAffinity);
    }

    /** This node without the pod of that key (namespace/name). */
    public NodeInfo withoutPod(String podKey) {
        List<PodInfo> fewer = new ArrayList<>(pods.size());
        PodInfo removed = null;
        for (PodInfo pod : pods) {
            if (removed == null && pod.key().equals(podKey)) {
                removed = pod;
            } else {
                fewer.add(pod);
            }
        }
        if (removed == null) {
            return this;
        }
        if (!hostPortsOf(removed).isEmpty() || hasAffinity(removed) || !removed.requiredAntiAffinityTerms().isEmpty()
                || !removed.requests().scalars().isEmpty()) {
            // Ports and affinity flags cannot be subtracted (another pod may hold the same port or terms), and a sum
            // of scalars counted afresh has no entries left at zero.
            return new NodeInfo(node, fewer);
        }
        return new NodeInfo(this, fewer, requested.minus(removed.requests()), nonZeroRequested.minus(removed.nonZeroRequests()),
                usedPorts, podsWithAffinity, podsWithRequiredAntiAffinity);
    }

    /** The Node object, or null while only pods bound to a node not yet seen are known. */
    public Node node() {
        return node;
    }

    public String name() {
        if (node == null) {
            throw new NullPointerException("a node known only by its pods has no Node object");
        }
        return name;
    }

    public Map<String, String> labels() {
        return labels;
    }

    /** spec.taints; empty when none. */
    public List<Taint> taints() {
        return taints;
    }

    /** spec.unschedulable (cordoned). */
    public boolean unschedulable() {
        return unschedulable;
    }

    public List<PodInfo> pods() {
        return pods;
    }

    public Resources allocatable() {
        return allocatable;
    }

    /** The sum of the requests of the pods on the node; pods() counts them. */
    public Resources requested() {
        return requested;
    }

    public Resources nonZeroRequested() {
        return nonZeroRequested;
    }

    public Set<HostPort> usedPorts() {
        return usedPorts;
    }

    /** Image name -> size in bytes, from node.status.images. */
    public Map<String, Long> imageSizes() {
        return imageSizes;
    }

    /**
     * Whether any pod here has pod affinity terms (required or preferred) or preferred anti-affinity terms: what
     * the affinity plugin scores; required anti-affinity has {@link #hasPodsWithRequiredAntiAffinity}.
     */
    public boolean hasPodsWithAffinity() {
        return podsWithAffinity;
    }

    public boolean hasPodsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinity;
    }

    /** The host ports a pod asks for. */
    public static List<HostPort> hostPortsOf(PodInfo pod) {
        List<HostPort> ports = new ArrayList<>();
        List<Container> containers = pod.pod().getSpec().getContainers();
        if (containers == null) {
            return ports;
        }
        for (Container container : containers) {
            if (container.getPorts() == null) {
                continue;
            }
            for (ContainerPort port : container.getPorts()) {
                if (port.getHostPort() != null && port.getHostPort() > 0) {
                    ports.add(HostPort.of(port));
                }
            }
        }
        return ports;
    }

    private static Resources allocatableOf(Node node) {
        return node == null || node.getStatus() == null ? Resources.ZERO : Resources.of(node.getStatus().getAllocatable());
    }

    /** Required pod affinity or preferred affinity or anti-affinity terms. */
    private static boolean hasAffinity(PodInfo pod) {
        return !pod.requiredAffinityTerms().isEmpty() || hasPreferredPodAffinity(pod);
    }

    private static boolean hasPreferredPodAffinity(PodInfo pod) {
        var affinity = pod.pod().getSpec().getAffinity();
        if (affinity == null) {
            return false;
        }
        return (affinity.getPodAffinity() != null && affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution() != null
                && !affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().isEmpty())
                || (affinity.getPodAntiAffinity() != null && affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution() != null
                && !affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution().isEmpty());
    }

    private static Map<String, Long> imagesOf(Node node) {
        if (node == null || node.getStatus() == null || node.getStatus().getImages() == null) {
            return Map.of();
        }
        Map<String, Long> sizes = new HashMap<>();
        for (ContainerImage image : node.getStatus().getImages()) {
            long size = image.getSizeBytes() == null ? 0 : image.getSizeBytes();
            if (image.getNames() != null) {
                image.getNames().forEach(name -> sizes.put(name, size));
            }
        }
        return sizes;
    }

    @Override
    public String toString() {
        return node == null ? "<unknown node>" : name();
    }
}
