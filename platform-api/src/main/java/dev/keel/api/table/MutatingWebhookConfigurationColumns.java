package dev.keel.api.table;

import org.springframework.stereotype.Component;

/** NAME WEBHOOKS AGE. */
@Component
public class MutatingWebhookConfigurationColumns extends WebhookConfigurationColumns {

    @Override
    public String kind() {
        return "MutatingWebhookConfiguration";
    }
}
