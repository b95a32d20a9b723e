package dev.keel.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Node;
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
        this.pods = Collections.unmodifiableList(pods);
        this.allocatable = node == null || node.getStatus() == null ? Resources.ZERO : Resources.of(node.getStatus().getAllocatable());
        Resources sum = Resources.ZERO;
        Resources nonZero = Resources.ZERO;
        Set<HostPort> ports = new HashSet<>();
        boolean affinity = false;
        boolean antiAffinity = false;
        for (PodInfo pod : pods) {
            sum = sum.plus(pod.requests());
            nonZero = nonZero.plus(pod.nonZeroRequests());
            ports.addAll(hostPortsOf(pod));
            affinity |= !pod.requiredAffinityTerms().isEmpty() || hasPreferredPodAffinity(pod);
            antiAffinity |= !pod.requiredAntiAffinityTerms().isEmpty();
        }
        this.requested = new Resources(sum.milliCpu(), sum.memory(), pods.size(), sum.scalars());
        this.nonZeroRequested = nonZero;
        this.usedPorts = Collections.unmodifiableSet(ports);
        this.imageSizes = imagesOf(node);
        this.podsWithAffinity = affinity || antiAffinity;
        this.podsWithRequiredAntiAffinity = antiAffinity;
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

    public NodeInfo withPod(PodInfo pod) {
        List<PodInfo> more = new ArrayList<>(pods.size() + 1);
        more.addAll(pods);
        more.add(pod);
        return new NodeInfo(node, more);
    }

    /** This node without the pod of that key (namespace/name). */
    public NodeInfo withoutPod(String podKey) {
        List<PodInfo> fewer = new ArrayList<>(pods.size());
        for (PodInfo pod : pods) {
            if (!pod.key().equals(podKey)) {
                fewer.add(pod);
            }
        }
        return new NodeInfo(node, fewer);
    }

    /** The Node object, or null while only pods bound to a node not yet seen are known. */
    public Node node() {
        return node;
    }

    public String name() {
        return node.getMetadata().getName();
    }

    public Map<String, String> labels() {
        Map<String, String> labels = node.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
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

    /** Whether any pod here has pod affinity or anti-affinity terms (lets the affinity plugin skip the node). */
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
