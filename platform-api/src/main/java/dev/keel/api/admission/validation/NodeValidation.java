package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Nodes: taints the scheduler can read (key, value, effect, unique per key and effect). */
@Component
public class NodeValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("Node") || !(request.object() instanceof Node node) || node.getSpec() == null) {
            return;
        }
        List<Taint> taints = node.getSpec().getTaints();
        if (taints == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < taints.size(); i++) {
            Taint taint = taints.get(i);
            String path = "spec.taints[" + i + "]";
            String key = taint.getKey() == null ? "" : taint.getKey();
            errors.invalidEach(path + ".key", key, NameRules.qualifiedName(key));
            if (taint.getValue() != null) {
                errors.invalidEach(path + ".value", taint.getValue(), NameRules.labelValue(taint.getValue()));
            }
            String effect = taint.getEffect() == null ? "" : taint.getEffect();
            if (effect.isEmpty()) {
                errors.required(path + ".effect", "");
            } else if (!TolerationRules.EFFECTS.contains(effect)) {
                errors.notSupported(path + ".effect", effect, TolerationRules.EFFECTS);
            }
            if (!seen.add(key + "\u0000" + effect)) {
                errors.duplicate(path, "taints must be unique by key and effect pair");
            }
        }
    }
}
