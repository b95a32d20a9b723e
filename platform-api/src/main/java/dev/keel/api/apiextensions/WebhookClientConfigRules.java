package dev.keel.api.apiextensions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.validation.WebhookEndpointRules;

/**
 * A conversion webhook's clientConfig: exactly one of an https {@code url} or a {@code service}, checked by the
 * rules admission webhooks use ({@link WebhookEndpointRules}). A bad URL is reported with the whole URL as the value.
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
            String url = config.get("url").asText();
            for (WebhookEndpointRules.UrlProblem problem : WebhookEndpointRules.urlProblems(url)) {
                errors.invalid(path + ".url", url, problem.detail());
            }
        } else {
            JsonNode service = config.get("service");
            WebhookEndpointRules.validateService(errors, path + ".service", service.path("name").asText(""),
                    service.path("namespace").asText(""), service.has("port") ? service.path("port").asInt() : null,
                    service.path("path").asText(""));
        }
    }
}
