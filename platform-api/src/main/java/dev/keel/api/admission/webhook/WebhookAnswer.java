package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A webhook's {@code response}, checked.
 *
 * @param result           the {@code status} a denial carries (may be missing)
 * @param patch            the decoded JSON patch of a mutating webhook, or null
 * @param auditAnnotations as sent, keys not yet prefixed with the webhook's name
 */
record WebhookAnswer(boolean allowed, JsonNode result, JsonNode patch, List<String> warnings,
        Map<String, String> auditAnnotations) {
}
