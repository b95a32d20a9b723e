package dev.keel.api.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * A conversion webhook's clientConfig as Kubernetes checks it: exactly one of an https {@code url} (with a host, no
 * user, query or fragment) or a {@code service} (name, namespace, a path starting with '/', port 1-65535).
 */
final class WebhookClientConfigRules {

    private WebhookClientConfigRules() {
    }

    static void check(JsonNode config, String path, FieldErrors errors) {
        boolean hasUrl = config.hasNonNull("url");
        boolean hasService = config.hasNonNull("service");
        if (hasUrl == hasService) {
            errors.required(path, "exactly one of url or service is required");
        } else if (hasUrl) {
            url(config.get("url").asText(), path + ".url", errors);
        } else {
            service(config.get("service"), path + ".service", errors);
        }
    }

    private static void url(String value, String path, FieldErrors errors) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            errors.invalid(path, value, "url must be a valid URL: " + e.getMessage());
            return;
        }
        if (!"https".equals(uri.getScheme())) {
            errors.invalid(path, value, "'https' is the only allowed URL scheme");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            errors.invalid(path, value, "host must be specified");
        }
        if (uri.getRawUserInfo() != null) {
            errors.invalid(path, value, "user information is not permitted in the URL");
        }
        if (uri.getRawFragment() != null) {
            errors.invalid(path, value, "fragments are not permitted in the URL");
        }
        if (uri.getRawQuery() != null) {
            errors.invalid(path, value, "query parameters are not permitted in the URL");
        }
    }

    private static void service(JsonNode service, String path, FieldErrors errors) {
        if (service.path("name").asText("").isEmpty()) {
            errors.required(path + ".name", "service name is required");
        }
        if (service.path("namespace").asText("").isEmpty()) {
            errors.required(path + ".namespace", "service namespace is required");
        }
        if (service.has("port")) {
            int port = service.path("port").asInt();
            if (port < 1 || port > 65535) {
                errors.invalid(path + ".port", port, "port is not valid: must be between 1 and 65535, inclusive");
            }
        }
        String servicePath = service.path("path").asText("");
        if (!servicePath.isEmpty() && !servicePath.startsWith("/")) {
            errors.invalid(path + ".path", servicePath, "must start with a '/'");
        }
    }
}
