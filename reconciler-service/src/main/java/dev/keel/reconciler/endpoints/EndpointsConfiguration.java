package dev.keel.reconciler.endpoints;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Endpoints and EndpointSlice controllers: both keyed by Service, both woken by the pods a Service selects. */
@Configuration(proxyBeanMethods = false)
public class EndpointsConfiguration {

    @Bean
    ServiceSelection serviceSelection(Informers informers) {
        return new ServiceSelection(informers);
    }

    @Bean
    Controller endpointsController(ControllerFactory factory, KubernetesClient client, ServiceSelection selection,
            EventRecorder events) {
        Informers informers = factory.informers();
        EndpointsReconciler reconciler = new EndpointsReconciler(client, informers, selection, events);
        return factory.builder("endpoints", reconciler)
                .watch(informers.informer(Service.class), EventSource.self())
                .watch(informers.informer(Pod.class), selection.servicesOfPod())
                .watch(informers.informer(Endpoints.class), EventSource.self())
                .build();
    }

    @Bean
    Controller endpointSliceController(ControllerFactory factory, KubernetesClient client, ServiceSelection selection,
            EventRecorder events, EndpointSliceProperties properties, Clock clock) {
        Informers informers = factory.informers();
        // Zones come from node labels; the node cache is read, not watched.
        informers.informer(Node.class);
        EndpointSliceReconciler reconciler = new EndpointSliceReconciler(client, informers, selection,
                new SlicePlanner(properties.getMaxEndpointsPerSlice()), events, clock);
        return factory.builder("endpointslice", reconciler)
                .watch(informers.informer(Service.class), EventSource.self())
                .watch(informers.informer(Pod.class), selection.servicesOfPod())
                .watch(informers.informer(EndpointSlice.class), EndpointsConfiguration::serviceOfSlice)
                .build();
    }

    private static List<Request> serviceOfSlice(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        if (labels == null || !SlicePlanner.MANAGED_BY.equals(labels.get(SlicePlanner.MANAGED_BY_LABEL))
                || labels.get(SlicePlanner.SERVICE_NAME_LABEL) == null) {
            return List.of();
        }
        return List.of(new Request(slice.getMetadata().getNamespace(), labels.get(SlicePlanner.SERVICE_NAME_LABEL)));
    }
}
