package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.stereotype.Component;

/** ConfigMaps: key syntax, one key space across data and binaryData, 1 MiB in all, and the immutable flag. */
@Component
public class ConfigMapValidation implements ValidatingAdmission {

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("ConfigMap") || !(request.object() instanceof ConfigMap configMap)) {
            return;
        }
        Map<String, String> data = configMap.getData() == null ? Map.of() : configMap.getData();
        Map<String, String> binary = configMap.getBinaryData() == null ? Map.of() : configMap.getBinaryData();
        StoredDataRules.keys(errors, "data", data);
        StoredDataRules.keys(errors, "binaryData", binary);
        long size = 0;
        for (Map.Entry<String, String> entry : data.entrySet()) {
            size += entry.getValue() == null ? 0 : entry.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        for (Map.Entry<String, String> entry : binary.entrySet()) {
            if (data.containsKey(entry.getKey())) {
                errors.invalid("binaryData", entry.getKey(), "duplicate of key present in data");
            }
            // binaryData holds base64 text; count the bytes it stands for.
            size += entry.getValue() == null ? 0 : entry.getValue().length() * 3L / 4;
        }
        if (size > StoredDataRules.MAX_BYTES) {
            errors.tooLong("data", StoredDataRules.MAX_BYTES);
        }
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof ConfigMap old) {
            StoredDataRules.immutability(errors, old.getImmutable(), configMap.getImmutable(), old.getData(), configMap.getData(),
                    old.getBinaryData(), configMap.getBinaryData(), "binaryData");
        }
    }
}
