package dev.keel.reconciler.endpoints;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a pod contributes to a Service's endpoints: whether it counts, whether it is ready, and its ports. */
public final class PodEndpoints {

    private PodEndpoints() {
    }

    /**
     * Whether the pod belongs in a Service's endpoints at all: it has an IP, it has not finished for good, and (unless
     * {@code includeTerminating}) it is not being deleted.
     */
    public static boolean included(Pod pod, boolean includeTerminating) {
        if (pod.getStatus() == null || isBlank(pod.getStatus().getPodIP())) {
            return false;
        }
        if (!includeTerminating && isTerminating(pod)) {
            return false;
        }
        String phase = pod.getStatus().getPhase();
        String restartPolicy = pod.getSpec() == null ? null : pod.getSpec().getRestartPolicy();
        // A pod that will never run again is no backend, whatever its IP.
        if ("Never".equals(restartPolicy)) {
            return !"Failed".equals(phase) && !"Succeeded".equals(phase);
        }
        if ("OnFailure".equals(restartPolicy)) {
            return !"Succeeded".equals(phase);
        }
        return true;
    }

    public static boolean isTerminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    /** The pod's Ready condition is True. */
    public static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream()
                .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    /** The pod's IPs: status.podIPs, or status.podIP when the list is empty. */
    public static List<String> ips(Pod pod) {
        List<String> ips = new ArrayList<>();
        if (pod.getStatus() == null) {
            return ips;
        }
        if (pod.getStatus().getPodIPs() != null) {
            pod.getStatus().getPodIPs().forEach(ip -> {
                if (!isBlank(ip.getIp())) {
                    ips.add(ip.getIp());
                }
            });
        }
        if (ips.isEmpty() && !isBlank(pod.getStatus().getPodIP())) {
            ips.add(pod.getStatus().getPodIP());
        }
        return ips;
    }

    /**
     * The port on the pod that {@code servicePort} sends to: a number as given (the service port itself when no
     * targetPort is set), or a name looked up in the pod's container ports (same protocol); empty when the pod has no
     * port of that name.
     */
    public static Optional<Integer> targetPort(ServicePort servicePort, Pod pod) {
        IntOrString target = servicePort.getTargetPort();
        if (target == null || (target.getIntVal() == null && isBlank(target.getStrVal()))) {
            return Optional.ofNullable(servicePort.getPort());
        }
        if (target.getIntVal() != null) {
            return Optional.of(target.getIntVal());
        }
        String protocol = protocolOf(servicePort.getProtocol());
        for (Container container : portContainers(pod)) {
            if (container.getPorts() == null) {
                continue;
            }
            for (ContainerPort port : container.getPorts()) {
                if (target.getStrVal().equals(port.getName()) && protocol.equals(protocolOf(port.getProtocol()))) {
                    return Optional.ofNullable(port.getContainerPort());
                }
            }
        }
        return Optional.empty();
    }

    /** The pod's hostname for DNS when it names this Service as its subdomain, as Kubernetes publishes it. */
    public static Optional<String> hostname(Pod pod, String serviceName) {
        if (pod.getSpec() == null || isBlank(pod.getSpec().getHostname())) {
            return Optional.empty();
        }
        return Objects.equals(serviceName, pod.getSpec().getSubdomain()) ? Optional.of(pod.getSpec().getHostname())
                : Optional.empty();
    }

    static String protocolOf(String protocol) {
        return isBlank(protocol) ? "TCP" : protocol;
    }

    /** Regular containers and sidecars (restartable init containers): the ones that serve while the pod runs. */
    private static List<Container> portContainers(Pod pod) {
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec() == null) {
            return containers;
        }
        if (pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().stream()
                    .filter(container -> "Always".equals(container.getRestartPolicy()))
                    .forEach(containers::add);
        }
        return containers;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isEmpty();
    }
}
