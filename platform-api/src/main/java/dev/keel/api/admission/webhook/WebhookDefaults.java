package dev.keel.api.admission.webhook;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The v1 defaults of webhook configurations (Kubernetes' {@code SetDefaults_*Webhook}): failurePolicy Fail,
 * matchPolicy Equivalent, empty namespace and object selectors, timeoutSeconds 10, reinvocationPolicy Never,
 * rule scope {@code *}, service port 443. sideEffects and admissionReviewVersions have no v1 default.
 */
@Component
public class WebhookDefaults implements MutatingAdmission {

    static final int TIMEOUT_SECONDS = 10;

    @Override
    public void mutate(AdmissionRequest request) {
        if (request.subresource() != null) {
            return;
        }
        if (request.object() instanceof MutatingWebhookConfiguration configuration && configuration.getWebhooks() != null) {
            for (MutatingWebhook hook : configuration.getWebhooks()) {
                if (hook == null) {
                    continue;
                }
                hook.setFailurePolicy(orElse(hook.getFailurePolicy(), "Fail"));
                hook.setMatchPolicy(orElse(hook.getMatchPolicy(), "Equivalent"));
                hook.setNamespaceSelector(orEmpty(hook.getNamespaceSelector()));
                hook.setObjectSelector(orEmpty(hook.getObjectSelector()));
                hook.setTimeoutSeconds(hook.getTimeoutSeconds() == null ? TIMEOUT_SECONDS : hook.getTimeoutSeconds());
                hook.setReinvocationPolicy(orElse(hook.getReinvocationPolicy(), "Never"));
                defaultRules(hook.getRules());
                defaultClient(hook.getClientConfig());
            }
        } else if (request.object() instanceof ValidatingWebhookConfiguration configuration
                && configuration.getWebhooks() != null) {
            for (ValidatingWebhook hook : configuration.getWebhooks()) {
                if (hook == null) {
                    continue;
                }
                hook.setFailurePolicy(orElse(hook.getFailurePolicy(), "Fail"));
                hook.setMatchPolicy(orElse(hook.getMatchPolicy(), "Equivalent"));
                hook.setNamespaceSelector(orEmpty(hook.getNamespaceSelector()));
                hook.setObjectSelector(orEmpty(hook.getObjectSelector()));
                hook.setTimeoutSeconds(hook.getTimeoutSeconds() == null ? TIMEOUT_SECONDS : hook.getTimeoutSeconds());
                defaultRules(hook.getRules());
                defaultClient(hook.getClientConfig());
            }
        }
    }

    private static void defaultRules(List<RuleWithOperations> rules) {
        if (rules == null) {
            return;
        }
        for (RuleWithOperations rule : rules) {
            if (rule != null && rule.getScope() == null) {
                rule.setScope("*");
            }
        }
    }

    private static void defaultClient(WebhookClientConfig client) {
        if (client != null && client.getService() != null && client.getService().getPort() == null) {
            client.getService().setPort(443);
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static LabelSelector orEmpty(LabelSelector selector) {
        return selector == null ? new LabelSelector() : selector;
    }
}
