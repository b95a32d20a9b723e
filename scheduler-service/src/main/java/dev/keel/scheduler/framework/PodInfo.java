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

    public PodInfo(Pod pod) {
        this.pod = pod;
        this.key = keyOf(pod);
        this.requests = PodRequests.of(pod);
        this.nonZeroRequests = PodRequests.nonZero(pod);
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

    public String nodeName() {
        return pod.getSpec().getNodeName();
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
