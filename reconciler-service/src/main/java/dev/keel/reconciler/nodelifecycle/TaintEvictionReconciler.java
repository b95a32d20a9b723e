package dev.keel.reconciler.nodelifecycle;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NoExecute taint manager, per node: a pod that does not tolerate one of its node's NoExecute taints is deleted
 * at once, one that tolerates it for tolerationSeconds once that time has passed since the taint was added, one that
 * tolerates it without a limit stays. Pods already terminating are left to finish. A pending eviction whose taint
 * goes away is cancelled, with an event as in Kubernetes.
 */
public final class TaintEvictionReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(TaintEvictionReconciler.class);

    private final KubernetesClient client;
    private final Informers informers;
    private final PodsByNode podsByNode;
    private final EventRecorder events;
    private final Clock clock;
    /** First sight of taints that carry no timeAdded (added by hand): their tolerationSeconds count from then. */
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    /** Pods waiting out their tolerationSeconds, by node and UID. */
    private final Map<String, Map<String, Pod>> scheduled = new ConcurrentHashMap<>();

    public TaintEvictionReconciler(KubernetesClient client, Informers informers, PodsByNode podsByNode, EventRecorder events,
            Clock clock) {
        this.client = client;
        this.informers = informers;
        this.podsByNode = podsByNode;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<Node> node = informers.get(Node.class, null, request.name());
        List<Taint> taints = node.map(found -> found.getSpec() == null ? null : found.getSpec().getTaints())
                .orElse(List.of());
        List<Taint> noExecute = taints == null ? List.of()
                : taints.stream().filter(taint -> ConditionTaints.NO_EXECUTE.equals(taint.getEffect())).toList();
        if (node.isEmpty() || noExecute.isEmpty()) {
            firstSeen.keySet().removeIf(key -> key.startsWith(request.name() + "/"));
            cancelScheduled(request.name(), Set.of());
            return Result.done();
        }
        Instant now = clock.instant();
        Optional<Instant> next = Optional.empty();
        Set<String> pending = new HashSet<>();
        List<Pod> pods = podsByNode.on(request.name());
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            Optional<Instant> due = NoExecuteEvictions.evictionTime(pod.getSpec().getTolerations(), noExecute,
                    taint -> addedAt(request.name(), taint, now));
            if (due.isEmpty()) {
                continue;
            }
            if (!due.get().isAfter(now)) {
                evict(pod, request.name());
                scheduled.getOrDefault(request.name(), Map.of()).remove(pod.getMetadata().getUid());
            } else {
                pending.add(pod.getMetadata().getUid());
                scheduled.computeIfAbsent(request.name(), name -> new ConcurrentHashMap<>()).put(pod.getMetadata().getUid(), pod);
                next = next.isEmpty() || due.get().isBefore(next.get()) ? due : next;
            }
        }
        cancelScheduled(request.name(), pending);
        return next.map(at -> Result.requeueAfter(Duration.between(now, at))).orElse(Result.done());
    }

    /** Evictions this process had scheduled on the node that are no longer due (the taint went): told to the pods. */
    private void cancelScheduled(String nodeName, Set<String> stillPending) {
        Map<String, Pod> byUid = scheduled.getOrDefault(nodeName, Map.of());
        for (Pod pod : List.copyOf(byUid.values())) {
            String uid = pod.getMetadata().getUid();
            if (stillPending.contains(uid)) {
                continue;
            }
            byUid.remove(uid);
            boolean stays = podsByNode.on(nodeName).stream()
                    .anyMatch(current -> uid.equals(current.getMetadata().getUid()) && current.getMetadata().getDeletionTimestamp() == null);
            if (stays) {
                events.normal(pod, "TaintManagerEviction", "Cancelling deletion of Pod " + pod.getMetadata().getNamespace()
                        + "/" + pod.getMetadata().getName());
            }
        }
    }

    private Instant addedAt(String nodeName, Taint taint, Instant now) {
        if (taint.getTimeAdded() != null && !taint.getTimeAdded().isEmpty()) {
            return Instant.parse(taint.getTimeAdded());
        }
        return firstSeen.computeIfAbsent(nodeName + "/" + taint.getKey() + "=" + taint.getValue(), key -> now);
    }

    private void evict(Pod pod, String nodeName) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        try {
            client.pods().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return;
            }
            throw e;
        }
        log.info("Evicted pod {}/{} from node {}: it does not tolerate the node's NoExecute taints any longer",
                namespace, name, nodeName);
        events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod " + namespace + "/" + name);
    }
}
