package dev.keel.reconciler.replicaset;

import dev.keel.reconciler.workload.PodTemplates;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Objects;

/** apps/v1 ReplicaSet as a {@link ReplicaOwner}. */
public final class ReplicaSets implements ReplicaOwner<ReplicaSet> {

    @Override
    public Class<ReplicaSet> type() {
        return ReplicaSet.class;
    }

    @Override
    public LabelSelector selector(ReplicaSet owner) {
        return owner.getSpec().getSelector();
    }

    @Override
    public int replicas(ReplicaSet owner) {
        return Objects.requireNonNullElse(owner.getSpec().getReplicas(), 1);
    }

    @Override
    public int minReadySeconds(ReplicaSet owner) {
        return Objects.requireNonNullElse(owner.getSpec().getMinReadySeconds(), 0);
    }

    @Override
    public PodTemplateSpec template(ReplicaSet owner) {
        return owner.getSpec().getTemplate();
    }

    @Override
    public ReplicaStatus status(ReplicaSet owner) {
        ReplicaSetStatus status = owner.getStatus();
        if (status == null) {
            return null;
        }
        List<ReplicaCondition> conditions = status.getConditions() == null ? List.of() : status.getConditions().stream()
                .map(c -> new ReplicaCondition(c.getType(), c.getStatus(), c.getReason(), c.getMessage(), c.getLastTransitionTime()))
                .toList();
        return new ReplicaStatus(zero(status.getReplicas()), zero(status.getFullyLabeledReplicas()),
                zero(status.getReadyReplicas()), zero(status.getAvailableReplicas()), status.getObservedGeneration(), conditions);
    }

    @Override
    public void writeStatus(KubernetesClient client, ReplicaSet owner, ReplicaStatus status) {
        List<ReplicaSetCondition> conditions = status.conditions().stream()
                .map(c -> new ReplicaSetConditionBuilder().withType(c.type()).withStatus(c.status()).withReason(c.reason())
                        .withMessage(c.message()).withLastTransitionTime(c.lastTransitionTime()).build())
                .toList();
        ReplicaSet updated = PodTemplates.copy(owner);
        updated.setStatus(new ReplicaSetStatusBuilder().withReplicas(status.replicas())
                .withFullyLabeledReplicas(status.fullyLabeledReplicas()).withReadyReplicas(status.readyReplicas())
                .withAvailableReplicas(status.availableReplicas()).withObservedGeneration(status.observedGeneration())
                .withConditions(conditions.isEmpty() ? null : conditions).build());
        client.apps().replicaSets().inNamespace(owner.getMetadata().getNamespace()).resource(updated).updateStatus();
    }

    static int zero(Integer value) {
        return value == null ? 0 : value;
    }
}
