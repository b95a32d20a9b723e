package dev.keel.api.admission.webhook;

import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.validation.NameRules;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;

/** A webhook's {@code clientConfig}: exactly one of an https {@code url} or a {@code service}, and the CA bundle. */
final class WebhookClientConfigRules {

    private static final String FORM = "; desired format: https://host[/path]";

    void validate(FieldErrors errors, String path, WebhookClientConfig client) {
        String url = client == null ? null : client.getUrl();
        ServiceReference service = client == null ? null : client.getService();
        if ((url == null) == (service == null)) {
            errors.required(path, "exactly one of url or service is required");
        } else if (url != null) {
            validateUrl(errors, path + ".url", url);
        } else {
            validateService(errors, path + ".service", service);
        }
        if (client != null && client.getCaBundle() != null && !client.getCaBundle().isEmpty()) {
            try {
                Base64.getDecoder().decode(client.getCaBundle());
            } catch (IllegalArgumentException e) {
                errors.invalidOmitted(path + ".caBundle", "must be base64-encoded PEM certificates: " + e.getMessage());
            }
        }
    }

    static void validateUrl(FieldErrors errors, String path, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            errors.required(path, "url must be a valid URL: " + e.getMessage() + FORM);
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("https")) {
            errors.invalid(path, scheme, "'https' is the only allowed URL scheme" + FORM);
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String host = authority.substring(authority.indexOf('@') + 1);
        if (host.isEmpty()) {
            errors.invalid(path, host, "host must be specified" + FORM);
        }
        if (uri.getRawUserInfo() != null) {
            errors.invalid(path, uri.getRawUserInfo(), "user information is not permitted in the URL");
        }
        if (uri.getRawFragment() != null && !uri.getRawFragment().isEmpty()) {
            errors.invalid(path, uri.getRawFragment(), "fragments are not permitted in the URL");
        }
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            errors.invalid(path, uri.getRawQuery(), "query parameters are not permitted in the URL");
        }
    }

    static void validateService(FieldErrors errors, String path, ServiceReference service) {
        if (service.getName() == null || service.getName().isEmpty()) {
            errors.required(path + ".name", "service name is required");
        }
        if (service.getNamespace() == null || service.getNamespace().isEmpty()) {
            errors.required(path + ".namespace", "service namespace is required");
        }
        int port = service.getPort() == null ? 443 : service.getPort();
        List<String> portProblems = NameRules.portNumber(port);
        if (!portProblems.isEmpty()) {
            errors.invalid(path + ".port", port, "port is not valid: " + String.join(", ", portProblems));
        }
        validateServicePath(errors, path + ".path", service.getPath());
    }

    private static void validateServicePath(FieldErrors errors, String path, String urlPath) {
        if (urlPath == null || urlPath.isEmpty() || urlPath.equals("/")) {
            return;
        }
        if (urlPath.equals("//")) {
            errors.invalid(path, urlPath, "segment[0] may not be empty");
            return;
        }
        if (!urlPath.startsWith("/")) {
            errors.invalid(path, urlPath, "must start with a '/'");
        }
        String check = urlPath.substring(1);
        if (check.endsWith("/")) {
            check = check.substring(0, check.length() - 1);
        }
        String[] steps = check.split("/", -1);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i].isEmpty()) {
                errors.invalid(path, urlPath, "segment[" + i + "] may not be empty");
                continue;
            }
            for (String problem : NameRules.dns1123Subdomain(steps[i])) {
                errors.invalid(path, urlPath, "segment[" + i + "]: " + problem);
            }
        }
    }
}
