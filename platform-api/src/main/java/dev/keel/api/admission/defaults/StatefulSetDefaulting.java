package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateStatefulSetStrategy;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import org.springframework.stereotype.Component;

/**
 * apps/v1 StatefulSet defaults: OrderedReady pods, rolling updates from partition 0, claims retained, 1 replica,
 * 10 old revisions; claim templates get the claim defaults.
 */
@Component
public class StatefulSetDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("StatefulSet") || !(request.object() instanceof StatefulSet statefulSet)) {
            return;
        }
        if (statefulSet.getSpec() == null) {
            statefulSet.setSpec(new StatefulSetSpec());
        }
        StatefulSetSpec spec = statefulSet.getSpec();
        if (PodSpecDefaults.blank(spec.getPodManagementPolicy())) {
            spec.setPodManagementPolicy("OrderedReady");
        }
        if (spec.getUpdateStrategy() == null) {
            spec.setUpdateStrategy(new StatefulSetUpdateStrategy());
        }
        StatefulSetUpdateStrategy strategy = spec.getUpdateStrategy();
        if (PodSpecDefaults.blank(strategy.getType())) {
            strategy.setType("RollingUpdate");
            if (strategy.getRollingUpdate() == null) {
                strategy.setRollingUpdate(new RollingUpdateStatefulSetStrategy());
            }
        }
        if (strategy.getType().equals("RollingUpdate") && strategy.getRollingUpdate() != null
                && strategy.getRollingUpdate().getPartition() == null) {
            strategy.getRollingUpdate().setPartition(0);
        }
        if (spec.getPersistentVolumeClaimRetentionPolicy() == null) {
            spec.setPersistentVolumeClaimRetentionPolicy(new StatefulSetPersistentVolumeClaimRetentionPolicy());
        }
        StatefulSetPersistentVolumeClaimRetentionPolicy retention = spec.getPersistentVolumeClaimRetentionPolicy();
        if (PodSpecDefaults.blank(retention.getWhenDeleted())) {
            retention.setWhenDeleted("Retain");
        }
        if (PodSpecDefaults.blank(retention.getWhenScaled())) {
            retention.setWhenScaled("Retain");
        }
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        PodSpecDefaults.template(spec.getTemplate());
        if (spec.getVolumeClaimTemplates() != null) {
            for (PersistentVolumeClaim claim : spec.getVolumeClaimTemplates()) {
                PersistentVolumeClaimDefaulting.apply(claim);
            }
        }
    }
}
