package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Namespaces carry their own name as the {@code kubernetes.io/metadata.name} label, so selectors can pick them. */
@Component
public class NamespaceDefaulting implements MutatingAdmission {

    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Namespace") || !(request.object() instanceof Namespace namespace)) {
            return;
        }
        String name = namespace.getMetadata().getName();
        if (name == null || name.isEmpty()) {
            return;
        }
        Map<String, String> labels = namespace.getMetadata().getLabels() == null ? new LinkedHashMap<>()
                : new LinkedHashMap<>(namespace.getMetadata().getLabels());
        labels.put(NAME_LABEL, name);
        namespace.getMetadata().setLabels(labels);
    }
}
