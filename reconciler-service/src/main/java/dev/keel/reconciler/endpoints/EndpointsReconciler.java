package dev.keel.reconciler.endpoints;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the core/v1 Endpoints named after each Service with a selector equal to the addresses of the pods it
 * selects; deletes them when the Service goes. Services without a selector are left to whoever writes their Endpoints.
 */
public class EndpointsReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(EndpointsReconciler.class);
    static final String SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";

    private final KubernetesClient client;
    private final Informers informers;
    private final ServiceSelection selection;
    private final EventRecorder events;

    public EndpointsReconciler(KubernetesClient client, Informers informers, ServiceSelection selection,
            EventRecorder events) {
        this.client = client;
        this.informers = informers;
        this.selection = selection;
        this.events = events;
    }

    @Override
    public Result reconcile(Request request) {
        Optional<Service> service = informers.get(Service.class, request.namespace(), request.name());
        Optional<Endpoints> current = informers.get(Endpoints.class, request.namespace(), request.name());
        if (service.isEmpty()) {
            current.ifPresent(this::deleteOrphaned);
            return Result.done();
        }
        if (!ServiceSelection.hasSelector(service.get())) {
            return Result.done();
        }
        List<EndpointSubset> subsets = EndpointSubsets.of(service.get(), selection.selectedPods(service.get()));
        Map<String, String> labels = labels(service.get());
        if (current.isPresent() && subsets.equals(nullToEmpty(current.get().getSubsets()))
                && labels.equals(current.get().getMetadata().getLabels())) {
            return Result.done();
        }
        try {
            if (current.isEmpty()) {
                client.endpoints().inNamespace(request.namespace()).resource(new EndpointsBuilder()
                        .withNewMetadata().withName(request.name()).withNamespace(request.namespace())
                        .withLabels(labels).endMetadata()
                        .withSubsets(subsets).build()).create();
                log.info("Created endpoints {} with {} subsets", request, subsets.size());
            } else {
                client.endpoints().inNamespace(request.namespace()).resource(new EndpointsBuilder(current.get())
                        .editMetadata().withLabels(labels).endMetadata()
                        .withSubsets(subsets).build()).update();
                log.debug("Updated endpoints {} to {} subsets", request, subsets.size());
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                events.warning(service.get(), current.isEmpty() ? "FailedToCreateEndpoint" : "FailedToUpdateEndpoint",
                        "Failed to " + (current.isEmpty() ? "create" : "update") + " endpoint " + request + ": "
                                + e.getMessage());
            }
            throw e;
        }
        return Result.done();
    }

    private void deleteOrphaned(Endpoints endpoints) {
        // Endpoints of a Service without a selector are someone else's; only ours carry the skip-mirror label.
        Map<String, String> labels = endpoints.getMetadata().getLabels();
        if (labels == null || !"true".equals(labels.get(SKIP_MIRROR_LABEL))) {
            return;
        }
        client.endpoints().inNamespace(endpoints.getMetadata().getNamespace())
                .withName(endpoints.getMetadata().getName()).delete();
        log.info("Deleted endpoints {}/{}: their service is gone", endpoints.getMetadata().getNamespace(),
                endpoints.getMetadata().getName());
    }

    static Map<String, String> labels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.put(SKIP_MIRROR_LABEL, "true");
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put(SlicePlanner.HEADLESS_LABEL, "");
        } else {
            labels.remove(SlicePlanner.HEADLESS_LABEL);
        }
        return labels;
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return Objects.requireNonNullElse(list, List.of());
    }
}
