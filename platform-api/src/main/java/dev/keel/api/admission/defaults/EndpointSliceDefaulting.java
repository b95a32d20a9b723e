package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import org.springframework.stereotype.Component;

/** Endpoint slice ports default to TCP with an empty name, as discovery/v1 does. */
@Component
public class EndpointSliceDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("EndpointSlice") || !(request.object() instanceof EndpointSlice slice)
                || slice.getPorts() == null) {
            return;
        }
        for (EndpointPort port : slice.getPorts()) {
            if (port.getName() == null) {
                port.setName("");
            }
            if (port.getProtocol() == null) {
                port.setProtocol("TCP");
            }
        }
    }
}
