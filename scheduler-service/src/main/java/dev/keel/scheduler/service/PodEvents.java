package dev.keel.scheduler.service;

import dev.keel.scheduler.cache.SchedulerCache;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.queue.ClusterEvent;
import dev.keel.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.function.Predicate;

/**
 * Feeds pod changes to the queue and the cache: pending pods of a scheduler name we serve go to the queue; pods on a
 * node go to the cache (confirming our assumptions); pods that leave a node free capacity and wake waiting pods.
 */
public final class PodEvents implements ResourceEventHandler<Pod> {

    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final Predicate<String> servesSchedulerName;

    public PodEvents(SchedulingQueue queue, SchedulerCache cache, Predicate<String> servesSchedulerName) {
        this.queue = queue;
        this.cache = cache;
        this.servesSchedulerName = servesSchedulerName;
    }

    @Override
    public void onAdd(Pod pod) {
        if (isAssigned(pod)) {
            if (!isTerminal(pod)) {
                cache.addPod(new PodInfo(pod));
                queue.onClusterEvent(ClusterEvent.ASSIGNED_POD_ADD);
            }
        } else if (isOurs(pod)) {
            queue.add(new PodInfo(pod));
        }
    }

    @Override
    public void onUpdate(Pod old, Pod pod) {
        String key = PodInfo.keyOf(pod);
        if (isAssigned(pod)) {
            if (!isAssigned(old)) {
                queue.delete(key);
            }
            if (isTerminal(pod)) {
                cache.removePod(key);
                queue.onClusterEvent(ClusterEvent.ASSIGNED_POD_DELETE);
            } else {
                cache.updatePod(new PodInfo(pod));
                queue.onClusterEvent(ClusterEvent.ASSIGNED_POD_ADD);
            }
        } else if (isOurs(pod)) {
            queue.update(new PodInfo(pod));
        } else {
            queue.delete(key);
        }
    }

    @Override
    public void onDelete(Pod pod, boolean finalStateUnknown) {
        String key = PodInfo.keyOf(pod);
        queue.delete(key);
        if (isAssigned(pod)) {
            cache.removePod(key);
            queue.onClusterEvent(ClusterEvent.ASSIGNED_POD_DELETE);
        }
    }

    private boolean isOurs(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() == null && !isTerminal(pod)
                && servesSchedulerName.test(pod.getSpec().getSchedulerName());
    }

    private static boolean isAssigned(Pod pod) {
        String node = pod.getSpec().getNodeName();
        return node != null && !node.isEmpty();
    }

    private static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
