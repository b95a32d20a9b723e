package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import org.springframework.stereotype.Component;

/** apps/v1 ReplicaSet defaults: 1 replica, and the pod spec defaults in the template. */
@Component
public class ReplicaSetDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("ReplicaSet") || !(request.object() instanceof ReplicaSet replicaSet)) {
            return;
        }
        if (replicaSet.getSpec() == null) {
            replicaSet.setSpec(new ReplicaSetSpec());
        }
        if (replicaSet.getSpec().getReplicas() == null) {
            replicaSet.getSpec().setReplicas(1);
        }
        PodSpecDefaults.template(replicaSet.getSpec().getTemplate());
    }
}
