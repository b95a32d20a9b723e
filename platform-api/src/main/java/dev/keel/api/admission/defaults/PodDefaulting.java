package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import dev.keel.api.admission.Operation;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Pod defaults: the pod spec defaults, then what only pods get (service links, requests taken from limits),
 * what Kubernetes' ServiceAccount and Priority admission plugins set on create, and the QoS class.
 */
@Component
public class PodDefaulting implements MutatingAdmission {

    /** Priorities of the built-in classes, which exist without being stored. */
    static final Map<String, Integer> SYSTEM_PRIORITIES = Map.of(
            "system-node-critical", 2000001000,
            "system-cluster-critical", 2000000000);

    private final PriorityClassLookup priorityClasses;

    /** Only the system priority classes resolve: for tests of admission without a store. */
    public PodDefaulting() {
        this(PriorityClassLookup.NONE);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public PodDefaulting(PriorityClassLookup priorityClasses) {
        this.priorityClasses = priorityClasses;
    }

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Pod") || !(request.object() instanceof Pod pod)) {
            return;
        }
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        PodSpecDefaults.apply(spec);
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        requestsFromLimits(spec.getContainers());
        requestsFromLimits(spec.getInitContainers());
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            hostPortsFromContainerPorts(spec.getContainers());
            hostPortsFromContainerPorts(spec.getInitContainers());
        }
        if (request.subresource() == null && request.operation() == Operation.CREATE) {
            if (PodSpecDefaults.blank(spec.getServiceAccountName())) {
                spec.setServiceAccountName("default");
                spec.setServiceAccount("default");
            }
            priority(pod);
            if (pod.getStatus() == null) {
                pod.setStatus(new PodStatus());
            }
            pod.getStatus().setQosClass(QosClasses.of(spec));
        } else if (request.operation() == Operation.UPDATE && request.oldObject() instanceof Pod old) {
            keepServerSetFields(pod, old);
        }
    }

    /**
     * Kubernetes' Priority admission: the named class (a system class or a stored one; unknown names are forbidden),
     * else the global default class, else 0; the class also gives the preemption policy. A pod may not state a
     * priority or policy other than its class's.
     */
    private void priority(Pod pod) {
        PodSpec spec = pod.getSpec();
        String className = spec.getPriorityClassName();
        int priority = 0;
        String policy = "PreemptLowerPriority";
        if (!PodSpecDefaults.blank(className)) {
            Integer system = SYSTEM_PRIORITIES.get(className);
            if (system != null) {
                priority = system;
            } else {
                PriorityClassLookup.PriorityClassValue found = priorityClasses.find(className).orElseThrow(() ->
                        Statuses.forbidden("", "pods", pod.getMetadata().getName(), "no PriorityClass with name " + className + " was found"));
                priority = found.value();
                policy = found.preemptionPolicy();
            }
        } else {
            var global = priorityClasses.globalDefault();
            if (global.isPresent()) {
                priority = global.get().value();
                policy = global.get().preemptionPolicy();
                spec.setPriorityClassName(global.get().name());
            }
        }
        if (spec.getPriority() != null && spec.getPriority() != priority) {
            throw Statuses.forbidden("", "pods", pod.getMetadata().getName(), "the integer value of priority (" + spec.getPriority()
                    + ") must not be provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        spec.setPriority(priority);
        if (spec.getPreemptionPolicy() != null && !spec.getPreemptionPolicy().equals(policy)) {
            throw Statuses.forbidden("", "pods", pod.getMetadata().getName(), "the string value of PreemptionPolicy ("
                    + spec.getPreemptionPolicy() + ") must not be provided in pod spec; priority admission controller computed "
                    + policy + " from the given PriorityClass name");
        }
        spec.setPreemptionPolicy(policy);
    }

    /** Fields set once by the server at creation survive writes that leave them out. */
    private static void keepServerSetFields(Pod pod, Pod old) {
        PodSpec spec = pod.getSpec();
        PodSpec oldSpec = old.getSpec();
        if (oldSpec != null) {
            if (spec.getPriority() == null) {
                spec.setPriority(oldSpec.getPriority());
            }
            if (spec.getPreemptionPolicy() == null) {
                spec.setPreemptionPolicy(oldSpec.getPreemptionPolicy());
            }
        }
        if (old.getStatus() != null && old.getStatus().getQosClass() != null) {
            if (pod.getStatus() == null) {
                pod.setStatus(new PodStatus());
            }
            if (PodSpecDefaults.blank(pod.getStatus().getQosClass())) {
                pod.getStatus().setQosClass(old.getStatus().getQosClass());
            }
        }
    }

    private static void requestsFromLimits(List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (Container container : containers) {
            ResourceRequirements resources = container.getResources();
            if (resources == null || resources.getLimits() == null || resources.getLimits().isEmpty()) {
                continue;
            }
            Map<String, Quantity> requests = resources.getRequests() == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>(resources.getRequests());
            resources.getLimits().forEach((name, limit) -> requests.putIfAbsent(name, new Quantity(limit.getAmount(), limit.getFormat())));
            resources.setRequests(requests);
        }
    }

    private static void hostPortsFromContainerPorts(List<Container> containers) {
        if (containers == null) {
            return;
        }
        for (Container container : containers) {
            if (container.getPorts() == null) {
                continue;
            }
            container.getPorts().forEach(port -> {
                if (port.getHostPort() == null || port.getHostPort() == 0) {
                    port.setHostPort(port.getContainerPort());
                }
            });
        }
    }
}
