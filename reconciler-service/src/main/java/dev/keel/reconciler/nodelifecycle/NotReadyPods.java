package dev.keel.reconciler.nodelifecycle;

import dev.keel.runtime.events.EventRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks the pods of a node that is not Ready as not Ready themselves, as Kubernetes does, so Services stop sending
 * them traffic before they are evicted; each gets a NodeNotReady warning. The node's kubelet marks them Ready again
 * once it is back.
 */
final class NotReadyPods {

    private static final Logger log = LoggerFactory.getLogger(NotReadyPods.class);

    private final KubernetesClient client;
    private final EventRecorder events;

    NotReadyPods(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    void mark(List<Pod> pods, String nodeName, Instant now) {
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null || finished(pod) || !readyStatus(pod).map(s -> !"False".equals(s)).orElse(false)) {
                continue;
            }
            if (markNotReady(pod, now)) {
                log.info("Pod {}/{} marked not Ready: its node {} is not Ready", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), nodeName);
                events.warning(pod, "NodeNotReady", "Node is not ready");
            }
        }
    }

    private boolean markNotReady(Pod pod, Instant now) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).editStatus(current -> {
                List<PodCondition> conditions = new ArrayList<>();
                for (PodCondition condition : current.getStatus().getConditions()) {
                    conditions.add("Ready".equals(condition.getType()) && !"False".equals(condition.getStatus())
                            ? new PodConditionBuilder(condition).withStatus("False").withLastTransitionTime(now.toString()).build()
                            : condition);
                }
                current.getStatus().setConditions(conditions);
                return current;
            });
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static Optional<String> readyStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).map(PodCondition::getStatus).findFirst();
    }
}
