package dev.keel.reconciler.endpoints;

import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the discovery/v1 EndpointSlices of each Service with a selector equal to the endpoints of the pods it
 * selects (at most a configured number per slice), owned by the Service; deletes them when the Service goes.
 */
public class EndpointSliceReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(EndpointSliceReconciler.class);
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    private static final Duration CACHE_WAIT = Duration.ofMillis(200);

    private final KubernetesClient client;
    private final Informers informers;
    private final ServiceSelection selection;
    private final SlicePlanner planner;
    private final EventRecorder events;
    private final CreatedSlices created;

    public EndpointSliceReconciler(KubernetesClient client, Informers informers, ServiceSelection selection,
            SlicePlanner planner, EventRecorder events, Clock clock) {
        this.client = client;
        this.informers = informers;
        this.selection = selection;
        this.planner = planner;
        this.events = events;
        this.created = new CreatedSlices(clock);
    }

    /** The slices this controller manages for a Service, from the cache. */
    private List<EndpointSlice> slicesOf(Request service) {
        return informers.list(EndpointSlice.class, service.namespace()).stream()
                .filter(slice -> {
                    Map<String, String> labels = slice.getMetadata().getLabels();
                    return labels != null && service.name().equals(labels.get(SlicePlanner.SERVICE_NAME_LABEL))
                            && SlicePlanner.MANAGED_BY.equals(labels.get(SlicePlanner.MANAGED_BY_LABEL));
                })
                .toList();
    }

    @Override
    public Result reconcile(Request request) {
        List<EndpointSlice> existing = slicesOf(request);
        if (!created.observed(request, existing.stream().map(slice -> slice.getMetadata().getName()).toList())) {
            return Result.requeueAfter(CACHE_WAIT);
        }
        Optional<Service> service = informers.get(Service.class, request.namespace(), request.name());
        if (service.isEmpty()) {
            existing.forEach(this::delete);
            created.forget(request);
            return Result.done();
        }
        if (!ServiceSelection.hasSelector(service.get())) {
            return Result.done();
        }
        Map<SliceMeta, List<Endpoint>> desired = SliceEndpoints.of(service.get(), selection.selectedPods(service.get()),
                this::zoneOf);
        SlicePlan plan = planner.plan(service.get(), existing, desired);
        if (plan.isEmpty()) {
            return Result.done();
        }
        try {
            for (EndpointSlice slice : plan.create()) {
                EndpointSlice written = client.discovery().v1().endpointSlices().inNamespace(request.namespace())
                        .resource(slice).create();
                created.created(request, written.getMetadata().getName());
            }
            for (EndpointSlice slice : plan.update()) {
                client.discovery().v1().endpointSlices().inNamespace(request.namespace()).resource(slice).update();
            }
            plan.delete().forEach(this::delete);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                events.warning(service.get(), "FailedToUpdateEndpointSlices",
                        "Error updating Endpoint Slices for Service " + request + ": " + e.getMessage());
            }
            throw e;
        }
        log.debug("Endpoint slices of {}: {} created, {} updated, {} deleted", request, plan.create().size(),
                plan.update().size(), plan.delete().size());
        return Result.done();
    }

    private void delete(EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace(slice.getMetadata().getNamespace())
                .withName(slice.getMetadata().getName()).delete();
    }

    private Optional<String> zoneOf(String nodeName) {
        return informers.get(Node.class, null, nodeName)
                .map(node -> node.getMetadata().getLabels() == null ? null : node.getMetadata().getLabels().get(ZONE_LABEL));
    }
}
