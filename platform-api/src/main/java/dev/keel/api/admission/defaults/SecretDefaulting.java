package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Secrets: type Opaque, and stringData folded into data (write-only convenience, never stored). */
@Component
public class SecretDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Secret") || !(request.object() instanceof Secret secret)) {
            return;
        }
        if (PodSpecDefaults.blank(secret.getType())) {
            secret.setType("Opaque");
        }
        Map<String, String> plain = secret.getStringData();
        if (plain != null && !plain.isEmpty()) {
            Map<String, String> data = secret.getData() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(secret.getData());
            plain.forEach((key, value) -> data.put(key,
                    Base64.getEncoder().encodeToString((value == null ? "" : value).getBytes(StandardCharsets.UTF_8))));
            secret.setData(data);
        }
        secret.setStringData(new LinkedHashMap<>());
    }
}
