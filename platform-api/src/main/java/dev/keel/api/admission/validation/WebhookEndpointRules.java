package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a webhook is called, checked as Kubernetes' {@code webhook.ValidateWebhookURL} (https only) and
 * {@code webhook.ValidateWebhookService} check it, for admission webhook configurations and CRD conversion webhooks
 * alike. Callers adapt their own clientConfig shape (fabric8 model or JSON) to these plain values.
 */
public final class WebhookEndpointRules {

    private static final String FORM = "; desired format: https://host[/path]";

    /**
     * One thing wrong with a URL: {@code part} is the offending piece Kubernetes reports as the value (the scheme,
     * host, user info, fragment or query); {@code unparseable} when the URL does not parse at all.
     */
    public record UrlProblem(boolean unparseable, String part, String detail) {
    }

    private WebhookEndpointRules() {
    }

    /** The problems of a webhook URL, in Kubernetes' order and words; empty when it is a valid https URL. */
    public static List<UrlProblem> urlProblems(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return List.of(new UrlProblem(true, url, "url must be a valid URL: " + e.getMessage() + FORM));
        }
        List<UrlProblem> problems = new ArrayList<>();
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("https")) {
            problems.add(new UrlProblem(false, scheme, "'https' is the only allowed URL scheme" + FORM));
        }
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String host = authority.substring(authority.indexOf('@') + 1);
        if (host.isEmpty()) {
            problems.add(new UrlProblem(false, host, "host must be specified" + FORM));
        }
        if (uri.getRawUserInfo() != null) {
            problems.add(new UrlProblem(false, uri.getRawUserInfo(), "user information is not permitted in the URL"));
        }
        if (uri.getRawFragment() != null && !uri.getRawFragment().isEmpty()) {
            problems.add(new UrlProblem(false, uri.getRawFragment(), "fragments are not permitted in the URL"));
        }
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            problems.add(new UrlProblem(false, uri.getRawQuery(), "query parameters are not permitted in the URL"));
        }
        return problems;
    }

    /** Reports {@link #urlProblems} as kube-apiserver does, the offending part of the URL as the value. */
    public static void validateUrl(FieldErrors errors, String path, String url) {
        for (UrlProblem problem : urlProblems(url)) {
            if (problem.unparseable()) {
                errors.required(path, problem.detail());
            } else {
                errors.invalid(path, problem.part(), problem.detail());
            }
        }
    }

    /**
     * A service reference: name and namespace required, port 1-65535 ({@code null} means the default 443), and a
     * path that starts with '/' and whose segments are DNS subdomains.
     */
    public static void validateService(FieldErrors errors, String path, String name, String namespace, Integer port,
            String urlPath) {
        if (name == null || name.isEmpty()) {
            errors.required(path + ".name", "service name is required");
        }
        if (namespace == null || namespace.isEmpty()) {
            errors.required(path + ".namespace", "service namespace is required");
        }
        int effectivePort = port == null ? 443 : port;
        List<String> portProblems = NameRules.portNumber(effectivePort);
        if (!portProblems.isEmpty()) {
            errors.invalid(path + ".port", effectivePort, "port is not valid: " + String.join(", ", portProblems));
        }
        servicePath(errors, path + ".path", urlPath);
    }

    private static void servicePath(FieldErrors errors, String path, String urlPath) {
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
