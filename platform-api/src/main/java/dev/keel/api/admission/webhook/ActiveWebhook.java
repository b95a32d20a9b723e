package dev.keel.api.admission.webhook;

import dev.keel.api.admission.cel.MatchConditions;

/** A stored webhook ready to be matched and called: its matchConditions compiled once per configuration change. */
record ActiveWebhook(Webhook webhook, MatchConditions conditions) {

    static ActiveWebhook of(Webhook webhook) {
        return new ActiveWebhook(webhook, MatchConditions.compile(webhook.matchConditions()));
    }

    String name() {
        return webhook.name();
    }
}
