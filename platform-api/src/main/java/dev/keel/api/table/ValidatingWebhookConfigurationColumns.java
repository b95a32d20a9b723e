package dev.keel.api.table;

import org.springframework.stereotype.Component;

/** NAME WEBHOOKS AGE. */
@Component
public class ValidatingWebhookConfigurationColumns extends WebhookConfigurationColumns {

    @Override
    public String kind() {
        return "ValidatingWebhookConfiguration";
    }
}
