package dev.keel.reconciler.podgc;

import io.fabric8.kubernetes.api.model.DeleteOptions;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Carries out the collector's decisions as Kubernetes' podgc does: a pod not yet finished is first marked Failed
 * (an orphan also gets the DisruptionTarget condition), as no kubelet will ever do it; then it is deleted with a
 * grace period of 0 and a uid precondition, so a new pod that took the name is never hit.
 */
final class PodForceDeleter {

    static final String DISRUPTION_TARGET = "DisruptionTarget";

    private final KubernetesClient client;
    private final Clock clock;

    PodForceDeleter(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Returns false if the pod was already gone or replaced. */
    boolean markFailedAndDelete(PodDeletion deletion) {
        Pod pod = deletion.pod();
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        String uid = pod.getMetadata().getUid();
        try {
            if (!PodGcPlanner.isFinished(pod)) {
                client.pods().inNamespace(namespace).withName(name).editStatus(current ->
                        uid.equals(current.getMetadata().getUid()) ? failed(current, deletion.reason()) : current);
            }
            DeleteOptions options = new DeleteOptionsBuilder().withApiVersion("v1").withKind("DeleteOptions")
                    .withGracePeriodSeconds(0L).withNewPreconditions().withUid(uid).endPreconditions().build();
            client.raw("/api/v1/namespaces/" + namespace + "/pods/" + name, "DELETE", options);
            return true;
        } catch (KubernetesClientException e) {
            // Gone (404) or replaced by a pod of another uid (409): nothing left to collect.
            if (e.getCode() == 404 || e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    private Pod failed(Pod pod, PodGcReason reason) {
        if (pod.getStatus() == null) {
            pod.setStatus(new PodStatus());
        }
        pod.getStatus().setPhase("Failed");
        if (reason == PodGcReason.ORPHANED) {
            List<PodCondition> conditions = new ArrayList<>(pod.getStatus().getConditions() == null ? List.of()
                    : pod.getStatus().getConditions().stream().filter(c -> !DISRUPTION_TARGET.equals(c.getType())).toList());
            conditions.add(new PodConditionBuilder().withType(DISRUPTION_TARGET).withStatus("True")
                    .withReason("DeletionByPodGC").withMessage("PodGC: node no longer exists")
                    .withLastTransitionTime(clock.instant().toString()).build());
            pod.getStatus().setConditions(conditions);
        }
        return pod;
    }
}
