package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.Namespace;
import java.util.List;
import org.springframework.stereotype.Component;

/** Namespaces: the finalizers in spec (checked on the finalize subresource too, which is where they change). */
@Component
public class NamespaceValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.type().kind().equals("Namespace") || !(request.object() instanceof Namespace namespace)) {
            return;
        }
        if ("status".equals(request.subresource()) || namespace.getSpec() == null) {
            return;
        }
        List<String> finalizers = namespace.getSpec().getFinalizers();
        if (finalizers == null) {
            return;
        }
        for (int i = 0; i < finalizers.size(); i++) {
            errors.invalidEach("spec.finalizers[" + i + "]", finalizers.get(i), NameRules.qualifiedName(finalizers.get(i)));
        }
    }
}
