package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Object metadata of every kind: name syntax, namespace, labels, annotations and finalizers. */
@Component
public class ObjectMetaValidation implements ValidatingAdmission {

    private static final Map<String, NameRule> NAME_RULES = Map.of(
            "Namespace", NameRule.DNS_LABEL,
            "Service", NameRule.DNS_1035_LABEL,
            "StatefulSet", NameRule.DNS_LABEL);

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (request.object() == null || request.subresource() != null) {
            return;
        }
        ObjectMeta meta = request.object().getMetadata();
        if (meta == null) {
            errors.required("metadata.name", "name or generateName is required");
            return;
        }
        if (request.operation() == Operation.CREATE) {
            validateIdentity(request, meta, errors);
        }
        MetadataRules.labels(errors, "metadata.labels", meta.getLabels());
        MetadataRules.annotations(errors, "metadata.annotations", meta.getAnnotations());
        MetadataRules.finalizers(errors, "metadata.finalizers", meta.getFinalizers());
        OwnerReferenceRules.validate(meta.getOwnerReferences(), errors);
        if (request.operation() == Operation.UPDATE && request.oldObject() != null) {
            checkNoFinalizersAddedWhileDeleting(request.oldObject().getMetadata(), meta, errors);
        }
    }

    private static void validateIdentity(AdmissionRequest request, ObjectMeta meta, FieldErrors errors) {
        NameRule rule = NAME_RULES.getOrDefault(request.type().kind(), NameRule.DNS_SUBDOMAIN);
        String generateName = meta.getGenerateName();
        if (generateName != null && !generateName.isEmpty()) {
            errors.invalidEach("metadata.generateName", generateName, rule.check(generateName, true));
        }
        String name = meta.getName();
        if (name == null || name.isEmpty()) {
            errors.required("metadata.name", "name or generateName is required");
        } else {
            errors.invalidEach("metadata.name", name, rule.check(name, false));
        }
        String namespace = meta.getNamespace();
        boolean hasNamespace = namespace != null && !namespace.isEmpty();
        if (request.type().namespaced()) {
            if (!hasNamespace) {
                errors.required("metadata.namespace", "");
            } else {
                errors.invalidEach("metadata.namespace", namespace, NameRules.dns1123Label(namespace));
            }
        } else if (hasNamespace) {
            errors.forbidden("metadata.namespace", "not allowed on this type");
        }
    }

    private static void checkNoFinalizersAddedWhileDeleting(ObjectMeta old, ObjectMeta meta, FieldErrors errors) {
        if (old == null || old.getDeletionTimestamp() == null || meta.getFinalizers() == null) {
            return;
        }
        List<String> added = new ArrayList<>(meta.getFinalizers());
        if (old.getFinalizers() != null) {
            added.removeAll(old.getFinalizers());
        }
        if (!added.isEmpty()) {
            errors.forbidden("metadata.finalizers", "no new finalizers can be added if the object is being deleted, found new finalizers "
                    + GoValue.stringList(added));
        }
    }
}
