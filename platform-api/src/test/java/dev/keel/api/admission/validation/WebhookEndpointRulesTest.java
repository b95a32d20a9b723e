package dev.keel.api.admission.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.admission.FieldErrors;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookEndpointRulesTest {

    @Test
    void validHttpsUrlHasNoProblems() {
        assertThat(WebhookEndpointRules.urlProblems("https://hook.example.com:8443/validate")).isEmpty();
    }

    @Test
    void urlProblemsNameTheOffendingPart() {
        assertThat(WebhookEndpointRules.urlProblems("http://u@h.example.com/p?q=1#f"))
                .extracting(WebhookEndpointRules.UrlProblem::part)
                .containsExactly("http", "u", "f", "q=1");
        assertThat(WebhookEndpointRules.urlProblems("https:///p"))
                .extracting(WebhookEndpointRules.UrlProblem::detail)
                .containsExactly("host must be specified; desired format: https://host[/path]");
        assertThat(WebhookEndpointRules.urlProblems("https://h/ bad").get(0).unparseable()).isTrue();
    }

    @Test
    void serviceNeedsNameNamespaceValidPortAndPathSegments() {
        FieldErrors errors = new FieldErrors();
        WebhookEndpointRules.validateService(errors, "s", "", null, 0, "/a//B");
        List<String> messages = messages(errors);
        assertThat(messages).hasSize(5);
        assertThat(messages.subList(0, 4)).containsExactly(
                "s.name: Required value: service name is required",
                "s.namespace: Required value: service namespace is required",
                "s.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive",
                "s.path: Invalid value: \"/a//B\": segment[1] may not be empty");
        assertThat(messages.get(4)).startsWith("s.path: Invalid value: \"/a//B\": segment[2]: a lowercase RFC 1123 subdomain");
    }

    @Test
    void absentPortMeansTheDefault443() {
        FieldErrors errors = new FieldErrors();
        WebhookEndpointRules.validateService(errors, "s", "svc", "ns", null, "/convert");
        assertThat(errors.isEmpty()).isTrue();
    }

    private static List<String> messages(FieldErrors errors) {
        return errors.causes().stream().map(cause -> cause.getField() + ": " + cause.getMessage()).toList();
    }
}
