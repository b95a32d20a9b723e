package dev.keel.api.admission.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.status.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * kube-apiserver's ValidatingAdmissionWebhook: once the built-in validation found nothing wrong, every matching
 * validating webhook is called at the same time; the request goes on when all allow it (or failed in a way their
 * failure policy ignores), else it fails with the first refusal in configuration order. Runs before quota, as
 * upstream.
 */
@Component
public class ValidatingWebhookAdmission implements ValidatingAdmission, DisposableBean {

    private final WebhookConfigurations configurations;
    private final WebhookInvoker invoker;
    /** Extra webhooks of one request run here; each call is bounded by its timeout, so threads come back. */
    private final ExecutorService calls = new ThreadPoolExecutor(0, 256, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
            runnable -> {
                Thread thread = new Thread(runnable, "validating-webhook-call");
                thread.setDaemon(true);
                return thread;
            }, new ThreadPoolExecutor.CallerRunsPolicy());

    public ValidatingWebhookAdmission(WebhookConfigurations configurations, WebhookInvoker invoker) {
        this.configurations = configurations;
        this.invoker = invoker;
    }

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        List<ActiveWebhook> webhooks = configurations.validating();
        if (webhooks.isEmpty() || !errors.isEmpty() || WebhookMatcher.exempt(request.type())) {
            return;
        }
        WebhookRequest webhookRequest = invoker.request(request);
        List<Webhook> matched = new ArrayList<>();
        List<ObjectNode> reviews = new ArrayList<>();
        for (ActiveWebhook webhook : webhooks) {
            ObjectNode review = invoker.prepare(webhook, webhookRequest);
            if (review != null) {
                matched.add(webhook.webhook());
                reviews.add(review);
            }
        }
        if (matched.isEmpty()) {
            return;
        }
        // The first call runs on this thread; only the others need one of their own.
        List<CompletableFuture<WebhookAnswer>> others = new ArrayList<>();
        for (int i = 1; i < matched.size(); i++) {
            Webhook webhook = matched.get(i);
            ObjectNode review = reviews.get(i);
            others.add(CompletableFuture.supplyAsync(() -> invoker.send(webhook, review, webhookRequest), calls));
        }
        List<Outcome> outcomes = new ArrayList<>();
        outcomes.add(outcome(() -> invoker.send(matched.get(0), reviews.get(0), webhookRequest)));
        for (CompletableFuture<WebhookAnswer> other : others) {
            outcomes.add(outcome(other::join));
        }
        ApiException first = null;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome outcome = outcomes.get(i);
            try {
                if (outcome.failure() != null) {
                    throw outcome.failure();
                }
                if (outcome.answer() != null) {
                    invoker.accept(matched.get(i), outcome.answer());
                }
            } catch (ApiException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private record Outcome(WebhookAnswer answer, ApiException failure) {
    }

    private static Outcome outcome(java.util.function.Supplier<WebhookAnswer> call) {
        try {
            return new Outcome(call.get(), null);
        } catch (ApiException e) {
            return new Outcome(null, e);
        } catch (CompletionException e) {
            if (e.getCause() instanceof ApiException api) {
                return new Outcome(null, api);
            }
            throw e;
        }
    }

    @Override
    public void destroy() {
        calls.shutdownNow();
    }
}
