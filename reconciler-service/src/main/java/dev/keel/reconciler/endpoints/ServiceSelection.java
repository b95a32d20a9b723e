package dev.keel.reconciler.endpoints;

import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.objects.LabelSelectors;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;

/** Which pods a Service selects, and which Services select a pod, read from the informer caches. */
public final class ServiceSelection {

    private final Informers informers;

    public ServiceSelection(Informers informers) {
        this.informers = informers;
    }

    /** Whether the endpoint controllers manage this Service: only Services with a selector. */
    public static boolean hasSelector(Service service) {
        Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
        return selector != null && !selector.isEmpty();
    }

    public List<Pod> selectedPods(Service service) {
        Map<String, String> selector = service.getSpec().getSelector();
        return informers.list(Pod.class, service.getMetadata().getNamespace()).stream()
                .filter(pod -> LabelSelectors.matchesMap(selector, pod.getMetadata().getLabels()))
                .toList();
    }

    /** Every Service of the pod's namespace whose selector matches the pod's labels. */
    public EventSource<Pod> servicesOfPod() {
        return pod -> informers.list(Service.class, pod.getMetadata().getNamespace()).stream()
                .filter(service -> hasSelector(service)
                        && LabelSelectors.matchesMap(service.getSpec().getSelector(), pod.getMetadata().getLabels()))
                .map(Request::of)
                .toList();
    }
}
