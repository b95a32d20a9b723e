package dev.keel.api.admission.webhook;

import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.validation.WebhookEndpointRules;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.Base64;

/**
 * A webhook's {@code clientConfig}: exactly one of an https {@code url} or a {@code service} (checked by {@link
 * WebhookEndpointRules}, as for CRD conversion webhooks), and the CA bundle.
 */
final class WebhookClientConfigRules {

    void validate(FieldErrors errors, String path, WebhookClientConfig client) {
        String url = client == null ? null : client.getUrl();
        ServiceReference service = client == null ? null : client.getService();
        if ((url == null) == (service == null)) {
            errors.required(path, "exactly one of url or service is required");
        } else if (url != null) {
            WebhookEndpointRules.validateUrl(errors, path + ".url", url);
        } else {
            WebhookEndpointRules.validateService(errors, path + ".service", service.getName(), service.getNamespace(),
                    service.getPort(), service.getPath());
        }
        if (client != null && client.getCaBundle() != null && !client.getCaBundle().isEmpty()) {
            try {
                Base64.getDecoder().decode(client.getCaBundle());
            } catch (IllegalArgumentException e) {
                errors.invalidOmitted(path + ".caBundle", "must be base64-encoded PEM certificates: " + e.getMessage());
            }
        }
    }
}
