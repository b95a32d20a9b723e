package dev.keel.reconciler.namespace;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties a namespace being deleted: deletes every object inside, reports progress in the namespace's conditions,
 * and once nothing is left removes the {@code kubernetes} finalizer through the finalize subresource, which lets
 * platform-api remove the namespace.
 */
public class NamespaceReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(NamespaceReconciler.class);
    static final String FINALIZER = "kubernetes";

    private final KubernetesClient client;
    private final Informers informers;
    private final NamespaceContent content;
    private final Clock clock;
    private final Duration recheck;

    public NamespaceReconciler(KubernetesClient client, Informers informers, NamespaceContent content, Clock clock,
            Duration recheck) {
        this.client = client;
        this.informers = informers;
        this.content = content;
        this.clock = clock;
        this.recheck = recheck;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<Namespace> cached = informers.get(Namespace.class, null, request.name());
        if (cached.isEmpty() || cached.get().getMetadata().getDeletionTimestamp() == null
                || !holdsFinalizer(cached.get())) {
            return Result.done();
        }
        Namespace namespace = cached.get();
        ContentReport report = content.delete(request.name());
        List<NamespaceCondition> previous = namespace.getStatus() == null ? null : namespace.getStatus().getConditions();
        List<NamespaceCondition> conditions = NamespaceConditions.of(report, previous, clock.instant());
        if (!NamespaceConditions.sameContent(previous, conditions)) {
            Namespace updated = new NamespaceBuilder(namespace).editOrNewStatus().withConditions(conditions).endStatus().build();
            namespace = client.namespaces().resource(updated).updateStatus();
        }
        if (!report.empty()) {
            log.debug("Namespace {} still has content: {}", request.name(), report.remaining());
            return Result.requeueAfter(recheck);
        }
        Namespace finalized = new NamespaceBuilder(namespace).editSpec()
                .withFinalizers(namespace.getSpec().getFinalizers().stream().filter(f -> !FINALIZER.equals(f)).toList())
                .endSpec().build();
        client.raw("/api/v1/namespaces/" + request.name() + "/finalize", "PUT", finalized);
        log.info("Namespace {} is empty; removed its {} finalizer", request.name(), FINALIZER);
        return Result.done();
    }

    private static boolean holdsFinalizer(Namespace namespace) {
        return namespace.getSpec() != null && namespace.getSpec().getFinalizers() != null
                && namespace.getSpec().getFinalizers().contains(FINALIZER);
    }
}
