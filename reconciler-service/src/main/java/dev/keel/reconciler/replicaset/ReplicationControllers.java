package dev.keel.reconciler.replicaset;

import dev.keel.reconciler.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerCondition;
import io.fabric8.kubernetes.api.model.ReplicationControllerConditionBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * core/v1 ReplicationController as a {@link ReplicaOwner}: its map selector reads as a LabelSelector's matchLabels,
 * an empty one selecting nothing (the API refuses it; a stored one must not adopt the namespace).
 */
public final class ReplicationControllers implements ReplicaOwner<ReplicationController> {

    @Override
    public Class<ReplicationController> type() {
        return ReplicationController.class;
    }

    @Override
    public LabelSelector selector(ReplicationController owner) {
        Map<String, String> selector = owner.getSpec().getSelector();
        return selector == null || selector.isEmpty() ? null : new LabelSelectorBuilder().withMatchLabels(selector).build();
    }

    @Override
    public int replicas(ReplicationController owner) {
        return Objects.requireNonNullElse(owner.getSpec().getReplicas(), 1);
    }

    @Override
    public int minReadySeconds(ReplicationController owner) {
        return Objects.requireNonNullElse(owner.getSpec().getMinReadySeconds(), 0);
    }

    @Override
    public PodTemplateSpec template(ReplicationController owner) {
        return owner.getSpec().getTemplate();
    }

    @Override
    public ReplicaStatus status(ReplicationController owner) {
        ReplicationControllerStatus status = owner.getStatus();
        if (status == null) {
            return null;
        }
        List<ReplicaCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions().stream()
                .map(c -> new ReplicaCondition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime()))
                .toList();
        return new ReplicaStatus(ReplicaSets.zero(status.getReplicas()), ReplicaSets.zero(status.getFullyLabeledReplicas()),
                ReplicaSets.zero(status.getReadyReplicas()), ReplicaSets.zero(status.getAvailableReplicas()),
                status.getObservedGeneration(), conditions);
    }

    @Override
    public void writeStatus(KubernetesClient client, ReplicationController owner, ReplicaStatus status) {
        List<ReplicationControllerCondition> conditions = status.conditions().stream()
                .map(c -> new ReplicationControllerConditionBuilder().withType(c.type()).withStatus(c.status())
                        .withReason(c.reason()).withMessage(c.message()).withLastTransitionTime(c.lastTransitionTime()).build())
                .toList();
        ReplicationController updated = PodTemplates.copy(owner);
        updated.setStatus(new ReplicationControllerStatusBuilder().withReplicas(status.replicas())
                .withFullyLabeledReplicas(status.fullyLabeledReplicas()).withReadyReplicas(status.readyReplicas())
                .withAvailableReplicas(status.availableReplicas()).withObservedGeneration(status.observedGeneration())
                .withConditions(conditions.isEmpty() ? null : conditions).build());
        client.replicationControllers().inNamespace(owner.getMetadata().getNamespace()).resource(updated).updateStatus();
    }
}
