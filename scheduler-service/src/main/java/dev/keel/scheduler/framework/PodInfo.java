package dev.keel.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import java.util.List;
import java.util.Map;

/**
 * A pod with what the plugins read from it often computed once: its key, requests and (anti-)affinity terms.
 * The pod is the informer's object and is never changed.
 */
public final class PodInfo {

    private final Pod pod;
    private final String key;
    private final Resources requests;
    private final Resources nonZeroRequests;
    private final String nodeName;

    public PodInfo(Pod pod) {
        this(pod, keyOf(pod), PodRequests.of(pod), PodRequests.nonZero(pod), pod.getSpec().getNodeName());
    }

    private PodInfo(Pod pod, String key, Resources requests, Resources nonZeroRequests, String nodeName) {
        this.pod = pod;
        this.key = key;
        this.requests = requests;
        this.nonZeroRequests = nonZeroRequests;
        this.nodeName = nodeName;
    }

    /**
     * The same pod as the scheduler assumes it placed on a node until its binding is seen: {@link #nodeName()} names
     * the node while {@link #pod()} stays the informer's object, so nothing is copied.
     */
    public PodInfo assumedOn(String node) {
        return new PodInfo(pod, key, requests, nonZeroRequests, node);
    }

    public static String keyOf(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    public Pod pod() {
        return pod;
    }

    /** namespace/name. */
    public String key() {
        return key;
    }

    public String namespace() {
        return pod.getMetadata().getNamespace();
    }

    public String uid() {
        return pod.getMetadata().getUid();
    }

    public Map<String, String> labels() {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    public Resources requests() {
        return requests;
    }

    /** Requests with Kubernetes' defaults for containers that name no cpu or memory: what scoring counts. */
    public Resources nonZeroRequests() {
        return nonZeroRequests;
    }

    /** spec.priority, 0 when unset. */
    public int priority() {
        Integer priority = pod.getSpec().getPriority();
        return priority == null ? 0 : priority;
    }

    /** spec.nodeName, or the node the scheduler assumed the pod on. */
    public String nodeName() {
        return nodeName;
    }

    public List<PodAffinityTerm> requiredAffinityTerms() {
        Affinity affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getPodAffinity() == null) {
            return List.of();
        }
        return nullToEmpty(affinity.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }

    public List<PodAffinityTerm> requiredAntiAffinityTerms() {
        Affinity affinity = pod.getSpec().getAffinity();
        if (affinity == null || affinity.getPodAntiAffinity() == null) {
            return List.of();
        }
        return nullToEmpty(affinity.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    @Override
    public String toString() {
        return key;
    }
}
