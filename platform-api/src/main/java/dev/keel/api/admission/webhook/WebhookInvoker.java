package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.cel.MatchConditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Asks one webhook about one request, as kube-apiserver's dispatchers do for each: the matcher, then its
 * matchConditions, then the dry-run check, then the call; a call that fails is ignored or fails the request by
 * the webhook's failure policy; a denial fails it with the webhook's status. Warnings and audit annotations of an
 * answer are kept on the HTTP request.
 */
@Component
public class WebhookInvoker {

    private static final Logger log = LoggerFactory.getLogger(WebhookInvoker.class);

    private final WebhookMatcher matcher;
    private final WebhookClient client;
    private final WebhookRequestContext context;

    public WebhookInvoker(WebhookMatcher matcher, WebhookClient client, WebhookRequestContext context) {
        this.matcher = matcher;
        this.client = client;
        this.context = context;
    }

    /** The review to send when the webhook applies to the request, else null. */
    ObjectNode prepare(ActiveWebhook active, WebhookRequest request) {
        Webhook webhook = active.webhook();
        if (!matcher.matches(webhook, request)) {
            return null;
        }
        ObjectNode review = request.review();
        MatchConditions.Decision decision = active.conditions().evaluate(tree(review.get("object")),
                tree(review.get("oldObject")), review);
        if (decision.error() != null) {
            WebhookCallException failure = new WebhookCallException("failed to evaluate match condition: " + decision.error());
            if (webhook.failOpen()) {
                log.warn("Ignoring webhook {} of {} for {} {}: {}", webhook.name(), webhook.configuration(),
                        request.type().kind(), request.name(), failure.getMessage());
                return null;
            }
            throw WebhookStatuses.failedCalling(webhook.name(), failure);
        }
        if (!decision.matches()) {
            return null;
        }
        if (request.admission().dryRun() && !"None".equals(webhook.sideEffects())
                && !"NoneOnDryRun".equals(webhook.sideEffects())) {
            throw WebhookStatuses.dryRunUnsupported(webhook.name());
        }
        return review;
    }

    /**
     * Calls the webhook; null when the call failed and the failure policy ignores it.
     *
     * @throws dev.keel.api.status.ApiException 500 for a failed call under Fail, the webhook's status when it denies
     */
    WebhookAnswer call(Webhook webhook, ObjectNode review, WebhookRequest request) {
        WebhookAnswer answer = send(webhook, review, request);
        if (answer != null) {
            accept(webhook, answer);
        }
        return answer;
    }

    /** The call alone, safe to run on another thread: no request context is touched. */
    WebhookAnswer send(Webhook webhook, ObjectNode review, WebhookRequest request) {
        try {
            return client.call(webhook, WebhookRequest.envelope(review));
        } catch (WebhookCallException e) {
            if (webhook.failOpen()) {
                log.warn("Failed calling webhook {} of {} for {} {}, failing open: {}", webhook.name(),
                        webhook.configuration(), request.type().kind(), request.name(), e.getMessage());
                return null;
            }
            log.warn("Failed calling webhook {} of {} for {} {}, failing closed: {}", webhook.name(),
                    webhook.configuration(), request.type().kind(), request.name(), e.getMessage());
            throw WebhookStatuses.failedCalling(webhook.name(), e);
        }
    }

    /** Warnings and annotations of an answer got on another thread, then its verdict. */
    void accept(Webhook webhook, WebhookAnswer answer) {
        context.warn(answer.warnings());
        context.annotate(webhook.name(), answer.auditAnnotations());
        if (!answer.allowed()) {
            throw WebhookStatuses.denied(webhook.name(), answer.result());
        }
    }

    WebhookRequest request(dev.keel.api.admission.AdmissionRequest admission) {
        return new WebhookRequest(admission, context.user());
    }

    private static JsonNode tree(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
