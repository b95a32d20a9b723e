package dev.keel.reconciler.endpoints;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The discovery/v1 endpoints a Service should have, grouped by {@link SliceMeta}: one endpoint per selected pod and
 * address type, terminating pods included with their serving/terminating conditions, as Kubernetes publishes them.
 */
public final class SliceEndpoints {

    private SliceEndpoints() {
    }

    /** The address types a Service's slices use: its ipFamilies, IPv4 when it names none. */
    public static List<String> addressTypes(Service service) {
        List<String> families = service.getSpec().getIpFamilies();
        return families == null || families.isEmpty() ? List.of("IPv4") : List.copyOf(families);
    }

    /**
     * @param zoneOfNode the {@code topology.kubernetes.io/zone} label of a node, if known
     */
    public static Map<SliceMeta, List<Endpoint>> of(Service service, List<Pod> pods,
            Function<String, Optional<String>> zoneOfNode) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        List<ServicePort> servicePorts = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        Map<SliceMeta, List<Endpoint>> desired = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!PodEndpoints.included(pod, true)) {
                continue;
            }
            List<EndpointPort> ports = ports(servicePorts, pod);
            if (ports.isEmpty() && !servicePorts.isEmpty()) {
                continue;
            }
            for (String addressType : addressTypes(service)) {
                ipOfFamily(pod, addressType).ifPresent(ip -> desired
                        .computeIfAbsent(new SliceMeta(addressType, ports), key -> new ArrayList<>())
                        .add(endpoint(service, pod, ip, publishNotReady, zoneOfNode)));
            }
        }
        desired.values().forEach(endpoints -> endpoints.sort(Comparator.comparing(SliceEndpoints::key)));
        return desired;
    }

    /** What identifies an endpoint across passes: the pod it stands for, or its address. */
    public static String key(Endpoint endpoint) {
        if (endpoint.getTargetRef() != null && endpoint.getTargetRef().getUid() != null) {
            return endpoint.getTargetRef().getUid();
        }
        return endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty() ? "" : endpoint.getAddresses().get(0);
    }

    private static Endpoint endpoint(Service service, Pod pod, String ip, boolean publishNotReady,
            Function<String, Optional<String>> zoneOfNode) {
        boolean terminating = PodEndpoints.isTerminating(pod);
        boolean serving = publishNotReady || PodEndpoints.isReady(pod);
        // A terminating pod is never "ready" (old clients read only that), but may still be serving.
        boolean ready = publishNotReady || (serving && !terminating);
        EndpointBuilder endpoint = new EndpointBuilder()
                .withAddresses(ip)
                .withNewConditions().withReady(ready).withServing(serving).withTerminating(terminating).endConditions()
                .withNewTargetRef()
                    .withKind("Pod")
                    .withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid())
                .endTargetRef();
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName != null && !nodeName.isEmpty()) {
            endpoint.withNodeName(nodeName);
            zoneOfNode.apply(nodeName).ifPresent(endpoint::withZone);
        }
        PodEndpoints.hostname(pod, service.getMetadata().getName()).ifPresent(endpoint::withHostname);
        return endpoint.build();
    }

    private static List<EndpointPort> ports(List<ServicePort> servicePorts, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort servicePort : servicePorts) {
            PodEndpoints.targetPort(servicePort, pod).ifPresent(port -> ports.add(new EndpointPortBuilder()
                    .withName(servicePort.getName() == null ? "" : servicePort.getName())
                    .withPort(port)
                    .withProtocol(PodEndpoints.protocolOf(servicePort.getProtocol()))
                    .withAppProtocol(servicePort.getAppProtocol())
                    .build()));
        }
        return List.copyOf(ports);
    }

    private static Optional<String> ipOfFamily(Pod pod, String addressType) {
        boolean v6 = "IPv6".equals(addressType);
        return PodEndpoints.ips(pod).stream().filter(ip -> ip.contains(":") == v6).findFirst();
    }
}
