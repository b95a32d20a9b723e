package dev.keel.reconciler.serviceaccount;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes sure every active namespace has the {@code default} ServiceAccount, recreating it if it is deleted. */
public class DefaultServiceAccountReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(DefaultServiceAccountReconciler.class);
    static final String NAME = "default";

    private final KubernetesClient client;
    private final Informers informers;

    public DefaultServiceAccountReconciler(KubernetesClient client, Informers informers) {
        this.client = client;
        this.informers = informers;
    }

    /** Keys are namespaces (cluster-scoped requests named after the namespace). */
    @Override
    public Result reconcile(Request request) {
        String namespace = request.name();
        Optional<Namespace> cached = informers.get(Namespace.class, null, namespace);
        if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        if (informers.get(ServiceAccount.class, namespace, NAME).isPresent()) {
            return Result.done();
        }
        try {
            client.serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                    .withNewMetadata().withName(NAME).withNamespace(namespace).endMetadata().build()).create();
            log.info("Created service account {}/{}", namespace, NAME);
        } catch (KubernetesClientException e) {
            // 409: it exists and the cache is behind; 403/404: the namespace is going or gone.
            if (e.getCode() != 409 && e.getCode() != 403 && e.getCode() != 404) {
                throw e;
            }
        }
        return Result.done();
    }
}
