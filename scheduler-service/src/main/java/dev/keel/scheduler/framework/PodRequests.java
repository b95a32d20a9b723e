package dev.keel.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;

/**
 * A pod's resource request as Kubernetes counts it: the larger of the sum of its containers (with restartable init
 * containers, "sidecars", which keep running) and the largest init container (plus the sidecars started before it),
 * then the pod overhead on top.
 */
public final class PodRequests {

    /** What scoring assumes a container asks for when it names no cpu request (Kubernetes' default). */
    public static final long DEFAULT_MILLI_CPU = 100;
    /** What scoring assumes a container asks for when it names no memory request: 200 MiB. */
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodRequests() {
    }

    /** The request the node must have free for the pod (pods count not included). */
    public static Resources of(Pod pod) {
        return compute(pod, false);
    }

    /**
     * The same, with each container's missing cpu and memory requests replaced by the defaults above, so that
     * scoring sees pods without requests as using something.
     */
    public static Resources nonZero(Pod pod) {
        return compute(pod, true);
    }

    private static Resources compute(Pod pod, boolean nonZero) {
        PodSpec spec = pod.getSpec();
        Resources containers = Resources.ZERO;
        for (Container container : nullToEmpty(spec.getContainers())) {
            containers = containers.plus(requestOf(container, nonZero));
        }
        Resources sidecars = Resources.ZERO;
        Resources initMax = Resources.ZERO;
        for (Container init : nullToEmpty(spec.getInitContainers())) {
            Resources request = requestOf(init, nonZero);
            if ("Always".equals(init.getRestartPolicy())) {
                sidecars = sidecars.plus(request);
                initMax = initMax.max(sidecars);
            } else {
                initMax = initMax.max(sidecars.plus(request));
            }
        }
        Resources total = containers.plus(sidecars).max(initMax);
        return total.plus(Resources.of(spec.getOverhead()));
    }

    private static Resources requestOf(Container container, boolean nonZero) {
        Map<String, io.fabric8.kubernetes.api.model.Quantity> requests =
                container.getResources() == null ? null : container.getResources().getRequests();
        Resources request = Resources.of(requests);
        if (!nonZero) {
            return request;
        }
        boolean hasCpu = requests != null && requests.containsKey(Resources.CPU);
        boolean hasMemory = requests != null && requests.containsKey(Resources.MEMORY);
        return new Resources(hasCpu ? request.milliCpu() : DEFAULT_MILLI_CPU, hasMemory ? request.memory() : DEFAULT_MEMORY,
                request.pods(), request.scalars());
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
