package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * kube-apiserver's MutatingAdmissionWebhook: after the built-in defaulting, each matching mutating webhook in
 * turn (configurations by name, webhooks in their order) sees the object as the ones before it left it, and its
 * JSON patch is applied. When a webhook changed the object after one with {@code reinvocationPolicy: IfNeeded}
 * had seen it, those IfNeeded webhooks are called once more, in order.
 */
@Component
public class MutatingWebhookAdmission implements MutatingAdmission {

    private final WebhookConfigurations configurations;
    private final WebhookInvoker invoker;
    private final WebhookPatches patches;

    public MutatingWebhookAdmission(WebhookConfigurations configurations, WebhookInvoker invoker, WebhookPatches patches) {
        this.configurations = configurations;
        this.invoker = invoker;
        this.patches = patches;
    }

    @Override
    public void mutate(AdmissionRequest request) {
        List<ActiveWebhook> webhooks = configurations.mutating();
        if (webhooks.isEmpty() || WebhookMatcher.exempt(request.type()) || request.object() == null) {
            return;
        }
        WebhookRequest webhookRequest = invoker.request(request);
        List<ActiveWebhook> called = new ArrayList<>();
        int lastChange = -1;
        for (ActiveWebhook webhook : webhooks) {
            Outcome outcome = invoke(webhook, webhookRequest);
            if (outcome == Outcome.CHANGED) {
                lastChange = called.size();
            }
            if (outcome != Outcome.SKIPPED) {
                called.add(webhook);
            }
        }
        // Once more for the IfNeeded webhooks that saw the object before a later webhook changed it.
        for (int i = 0; i < lastChange; i++) {
            if (called.get(i).webhook().reinvokeIfNeeded()) {
                invoke(called.get(i), webhookRequest);
            }
        }
    }

    private enum Outcome { SKIPPED, UNCHANGED, CHANGED }

    private Outcome invoke(ActiveWebhook webhook, WebhookRequest request) {
        ObjectNode review = invoker.prepare(webhook, request);
        if (review == null) {
            return Outcome.SKIPPED;
        }
        WebhookAnswer answer = invoker.call(webhook.webhook(), review, request);
        boolean changed = answer != null && answer.patch() != null
                && patches.apply(webhook.name(), request.admission().object(), answer.patch(), request.type());
        return changed ? Outcome.CHANGED : Outcome.UNCHANGED;
    }
}
