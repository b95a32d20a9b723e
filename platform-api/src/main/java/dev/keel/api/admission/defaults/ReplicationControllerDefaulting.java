package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * core/v1 ReplicationController defaults, as Kubernetes' SetDefaults_ReplicationController: an empty selector and
 * empty object labels take the template's labels, replicas default to 1, and the template gets the pod defaults.
 */
@Component
public class ReplicationControllerDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.isKind("ReplicationController") || !(request.object() instanceof ReplicationController controller)) {
            return;
        }
        if (controller.getSpec() == null) {
            controller.setSpec(new ReplicationControllerSpec());
        }
        ReplicationControllerSpec spec = controller.getSpec();
        Map<String, String> templateLabels = spec.getTemplate() == null || spec.getTemplate().getMetadata() == null
                ? null : spec.getTemplate().getMetadata().getLabels();
        if (templateLabels != null) {
            if (spec.getSelector() == null || spec.getSelector().isEmpty()) {
                spec.setSelector(new LinkedHashMap<>(templateLabels));
            }
            if (controller.getMetadata().getLabels() == null || controller.getMetadata().getLabels().isEmpty()) {
                controller.getMetadata().setLabels(new LinkedHashMap<>(templateLabels));
            }
        }
        if (spec.getReplicas() == null) {
            spec.setReplicas(1);
        }
        if (spec.getTemplate() != null) {
            PodSpecDefaults.template(spec.getTemplate());
        }
    }
}
