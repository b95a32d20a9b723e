package dev.keel.reconciler.endpoints;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The core/v1 Endpoints subsets of a Service: one address per selected pod, ready or not ready, with the pod's
 * resolved ports; addresses with the same ports share a subset. The order is canonical, so an unchanged set of pods
 * gives equal subsets and no write.
 */
public final class EndpointSubsets {

    private static final Comparator<EndpointAddress> BY_ADDRESS = Comparator
            .comparing(EndpointAddress::getIp)
            .thenComparing(address -> address.getTargetRef() == null ? "" : address.getTargetRef().getName());
    private static final Comparator<EndpointPort> BY_PORT = Comparator
            .comparing((EndpointPort port) -> port.getName() == null ? "" : port.getName())
            .thenComparing(EndpointPort::getPort)
            .thenComparing(EndpointPort::getProtocol);

    private EndpointSubsets() {
    }

    private record Member(EndpointAddress address, boolean ready) {
    }

    public static List<EndpointSubset> of(Service service, List<Pod> pods) {
        boolean publishNotReady = Boolean.TRUE.equals(service.getSpec().getPublishNotReadyAddresses());
        boolean headless = "None".equals(service.getSpec().getClusterIP());
        List<ServicePort> servicePorts = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
        // Addresses grouped by the exact list of ports they serve.
        Map<List<EndpointPort>, List<Member>> byPorts = new LinkedHashMap<>();
        for (Pod pod : pods) {
            if (!PodEndpoints.included(pod, publishNotReady)) {
                continue;
            }
            List<EndpointPort> ports = ports(servicePorts, pod);
            if (ports.isEmpty() && !(servicePorts.isEmpty() && headless)) {
                continue;
            }
            boolean ready = publishNotReady || PodEndpoints.isReady(pod);
            byPorts.computeIfAbsent(ports, key -> new ArrayList<>()).add(new Member(address(service, pod), ready));
        }
        List<EndpointSubset> subsets = new ArrayList<>();
        for (Map.Entry<List<EndpointPort>, List<Member>> group : byPorts.entrySet()) {
            List<EndpointAddress> ready = group.getValue().stream().filter(Member::ready).map(Member::address)
                    .sorted(BY_ADDRESS).toList();
            List<EndpointAddress> notReady = group.getValue().stream().filter(member -> !member.ready())
                    .map(Member::address).sorted(BY_ADDRESS).toList();
            EndpointSubsetBuilder subset = new EndpointSubsetBuilder();
            if (!ready.isEmpty()) {
                subset.withAddresses(ready);
            }
            if (!notReady.isEmpty()) {
                subset.withNotReadyAddresses(notReady);
            }
            if (!group.getKey().isEmpty()) {
                subset.withPorts(group.getKey());
            }
            subsets.add(subset.build());
        }
        subsets.sort(Comparator.comparing(EndpointSubsets::firstIp));
        return subsets;
    }

    private static List<EndpointPort> ports(List<ServicePort> servicePorts, Pod pod) {
        List<EndpointPort> ports = new ArrayList<>();
        for (ServicePort servicePort : servicePorts) {
            Optional<Integer> target = PodEndpoints.targetPort(servicePort, pod);
            target.ifPresent(port -> ports.add(new EndpointPortBuilder()
                    .withName(servicePort.getName())
                    .withPort(port)
                    .withProtocol(PodEndpoints.protocolOf(servicePort.getProtocol()))
                    .withAppProtocol(servicePort.getAppProtocol())
                    .build()));
        }
        ports.sort(BY_PORT);
        return List.copyOf(ports);
    }

    private static EndpointAddress address(Service service, Pod pod) {
        EndpointAddressBuilder address = new EndpointAddressBuilder()
                .withIp(pod.getStatus().getPodIP())
                .withNewTargetRef()
                    .withKind("Pod")
                    .withNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName())
                    .withUid(pod.getMetadata().getUid())
                .endTargetRef();
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        if (nodeName != null && !nodeName.isEmpty()) {
            address.withNodeName(nodeName);
        }
        PodEndpoints.hostname(pod, service.getMetadata().getName()).ifPresent(address::withHostname);
        return address.build();
    }

    private static String firstIp(EndpointSubset subset) {
        if (subset.getAddresses() != null && !subset.getAddresses().isEmpty()) {
            return subset.getAddresses().get(0).getIp();
        }
        return subset.getNotReadyAddresses().get(0).getIp();
    }
}
