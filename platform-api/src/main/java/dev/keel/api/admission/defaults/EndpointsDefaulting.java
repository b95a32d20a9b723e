package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import org.springframework.stereotype.Component;

/** Endpoints ports default to TCP. */
@Component
public class EndpointsDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Endpoints") || !(request.object() instanceof Endpoints endpoints)
                || endpoints.getSubsets() == null) {
            return;
        }
        for (EndpointSubset subset : endpoints.getSubsets()) {
            if (subset.getPorts() == null) {
                continue;
            }
            for (EndpointPort port : subset.getPorts()) {
                if (PodSpecDefaults.blank(port.getProtocol())) {
                    port.setProtocol("TCP");
                }
            }
        }
    }
}
