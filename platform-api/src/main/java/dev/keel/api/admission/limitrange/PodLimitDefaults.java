package dev.keel.api.admission.limitrange;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.defaults.QosClasses;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * Kubernetes' LimitRanger defaults: a new pod's containers get the {@code default} limits and
 * {@code defaultRequest} requests of the namespace's Container limit ranges for the resources they do not state,
 * noted in the {@code kubernetes.io/limit-ranger} annotation. Runs after pod defaulting, so the QoS class is
 * computed again from the final resources.
 */
@Component
public class PodLimitDefaults implements MutatingAdmission {

    static final String ANNOTATION = "kubernetes.io/limit-ranger";

    private final StoredLimitRanges limitRanges;

    public PodLimitDefaults(StoredLimitRanges limitRanges) {
        this.limitRanges = limitRanges;
    }

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.isKind("Pod") || request.operation() != Operation.CREATE || !(request.object() instanceof Pod pod)
                || pod.getSpec() == null || pod.getMetadata().getNamespace() == null) {
            return;
        }
        List<LimitRange> ranges = limitRanges.in(pod.getMetadata().getNamespace());
        if (apply(ranges, pod)) {
            pod.getStatus().setQosClass(QosClasses.of(pod.getSpec()));
        }
    }

    /** Applies the defaults of {@code ranges} to the pod's containers; true when anything was set. */
    static boolean apply(List<LimitRange> ranges, Pod pod) {
        Map<String, Quantity> defaultLimits = new TreeMap<>();
        Map<String, Quantity> defaultRequests = new TreeMap<>();
        for (LimitRange range : ranges) {
            if (range.getSpec() == null || range.getSpec().getLimits() == null) {
                continue;
            }
            for (LimitRangeItem item : range.getSpec().getLimits()) {
                if (item != null && "Container".equals(item.getType())) {
                    if (item.getDefault() != null) {
                        defaultLimits.putAll(item.getDefault());
                    }
                    if (item.getDefaultRequest() != null) {
                        defaultRequests.putAll(item.getDefaultRequest());
                    }
                }
            }
        }
        if (defaultLimits.isEmpty() && defaultRequests.isEmpty()) {
            return false;
        }
        List<String> notes = new ArrayList<>();
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        if (pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        for (Container container : containers) {
            if (container.getResources() == null) {
                container.setResources(new ResourceRequirements());
            }
            ResourceRequirements resources = container.getResources();
            Map<String, Quantity> requests = resources.getRequests() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(resources.getRequests());
            Map<String, Quantity> limits = resources.getLimits() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(resources.getLimits());
            List<String> setRequests = new ArrayList<>();
            List<String> setLimits = new ArrayList<>();
            defaultLimits.forEach((name, value) -> {
                if (!limits.containsKey(name)) {
                    limits.put(name, new Quantity(value.getAmount(), value.getFormat()));
                    setLimits.add(name);
                }
            });
            defaultRequests.forEach((name, value) -> {
                if (!requests.containsKey(name)) {
                    requests.put(name, new Quantity(value.getAmount(), value.getFormat()));
                    setRequests.add(name);
                }
            });
            if (!setRequests.isEmpty()) {
                notes.add(String.join(", ", setRequests) + " request for container " + container.getName());
                resources.setRequests(requests);
            }
            if (!setLimits.isEmpty()) {
                notes.add(String.join(", ", setLimits) + " limit for container " + container.getName());
                resources.setLimits(limits);
            }
        }
        if (notes.isEmpty()) {
            return false;
        }
        if (pod.getMetadata().getAnnotations() == null) {
            pod.getMetadata().setAnnotations(new LinkedHashMap<>());
        }
        pod.getMetadata().getAnnotations().put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
        return true;
    }
}
