package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Secrets: key syntax, 1 MiB, the keys each well-known type needs; type and (when immutable) data are fixed. */
@Component
public class SecretValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("Secret") || !(request.object() instanceof Secret secret)) {
            return;
        }
        Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
        StoredDataRules.keys(errors, "data", data);
        long size = 0;
        for (String value : data.values()) {
            size += value == null ? 0 : value.length() * 3L / 4;
        }
        if (size > StoredDataRules.MAX_BYTES) {
            errors.tooLong("data", StoredDataRules.MAX_BYTES);
        }
        typeRequirements(errors, secret, data);
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof Secret old) {
            if (!Objects.equals(old.getType(), secret.getType())) {
                errors.invalid("type", secret.getType(), "field is immutable");
            }
            StoredDataRules.immutability(errors, old.getImmutable(), secret.getImmutable(), old.getData(), secret.getData(),
                    null, null, "stringData");
        }
    }

    private static void typeRequirements(FieldErrors errors, Secret secret, Map<String, String> data) {
        String type = secret.getType() == null ? "" : secret.getType();
        switch (type) {
            case "kubernetes.io/service-account-token" -> {
                Map<String, String> annotations = secret.getMetadata().getAnnotations();
                String account = annotations == null ? null : annotations.get("kubernetes.io/service-account.name");
                if (account == null || account.isEmpty()) {
                    errors.required("metadata.annotations[kubernetes.io/service-account.name]", "");
                }
            }
            case "kubernetes.io/dockercfg" -> requireKey(errors, data, ".dockercfg");
            case "kubernetes.io/dockerconfigjson" -> requireKey(errors, data, ".dockerconfigjson");
            case "kubernetes.io/basic-auth" -> {
                if (!data.containsKey("username") && !data.containsKey("password")) {
                    errors.required("data[username]", "");
                    errors.required("data[password]", "");
                }
            }
            case "kubernetes.io/ssh-auth" -> requireKey(errors, data, "ssh-privatekey");
            case "kubernetes.io/tls" -> {
                requireKey(errors, data, "tls.key");
                requireKey(errors, data, "tls.crt");
            }
            default -> {
            }
        }
    }

    private static void requireKey(FieldErrors errors, Map<String, String> data, String key) {
        if (!data.containsKey(key)) {
            errors.required("data[" + key + "]", "");
        }
    }
}
