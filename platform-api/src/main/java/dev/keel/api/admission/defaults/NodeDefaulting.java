package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** A node that reports capacity but no allocatable resources offers all of its capacity. */
@Component
public class NodeDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Node") || !(request.object() instanceof Node node) || node.getStatus() == null) {
            return;
        }
        Map<String, Quantity> capacity = node.getStatus().getCapacity();
        Map<String, Quantity> allocatable = node.getStatus().getAllocatable();
        if (capacity != null && !capacity.isEmpty() && (allocatable == null || allocatable.isEmpty())) {
            Map<String, Quantity> copy = new LinkedHashMap<>();
            capacity.forEach((name, quantity) -> copy.put(name, new Quantity(quantity.getAmount(), quantity.getFormat())));
            node.getStatus().setAllocatable(copy);
        }
    }
}
