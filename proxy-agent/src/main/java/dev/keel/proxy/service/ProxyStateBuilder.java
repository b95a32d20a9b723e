package dev.keel.proxy.service;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns Services and EndpointSlices, as the API serves them, into the proxied ports the rule writers program.
 * Headless and ExternalName services, non-IPv4 slices and protocols other than TCP and UDP are left out.
 */
public final class ProxyStateBuilder {

    /** The label an EndpointSlice carries naming its Service. */
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    /** Kubernetes' default ClientIP affinity timeout: three hours. */
    public static final int DEFAULT_AFFINITY_TIMEOUT_SECONDS = 10_800;

    public ProxyState build(Collection<Service> services, Collection<EndpointSlice> slices) {
        Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
        for (EndpointSlice slice : slices) {
            Map<String, String> labels = slice.getMetadata().getLabels();
            String serviceName = labels == null ? null : labels.get(SERVICE_NAME_LABEL);
            if (serviceName != null && "IPv4".equals(slice.getAddressType())) {
                slicesByService.computeIfAbsent(slice.getMetadata().getNamespace() + "/" + serviceName,
                        k -> new ArrayList<>()).add(slice);
            }
        }
        List<ProxiedPort> ports = new ArrayList<>();
        for (Service service : services) {
            String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
            ports.addAll(portsOf(service, slicesByService.getOrDefault(key, List.of())));
        }
        return ProxyState.of(ports);
    }

    private List<ProxiedPort> portsOf(Service service, List<EndpointSlice> slices) {
        ServiceSpec spec = service.getSpec();
        if (spec == null || !hasClusterIp(spec) || "ExternalName".equals(spec.getType())
                || spec.getPorts() == null) {
            return List.of();
        }
        boolean withNodePorts = "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
        int affinity = affinityTimeout(spec);
        List<ProxiedPort> result = new ArrayList<>();
        for (ServicePort servicePort : spec.getPorts()) {
            Optional<Protocol> protocol = Protocol.parse(servicePort.getProtocol());
            if (protocol.isEmpty() || servicePort.getPort() == null) {
                continue;
            }
            int nodePort = withNodePorts && servicePort.getNodePort() != null ? servicePort.getNodePort() : 0;
            result.add(new ProxiedPort(service.getMetadata().getNamespace(), service.getMetadata().getName(),
                    Objects.requireNonNullElse(servicePort.getName(), ""), protocol.get(), spec.getClusterIP(),
                    servicePort.getPort(), nodePort, affinity, endpointsOf(servicePort, protocol.get(), slices)));
        }
        return result;
    }

    private static boolean hasClusterIp(ServiceSpec spec) {
        String ip = spec.getClusterIP();
        return ip != null && !ip.isEmpty() && !"None".equals(ip) && !ip.contains(":");
    }

    private static int affinityTimeout(ServiceSpec spec) {
        if (!"ClientIP".equals(spec.getSessionAffinity())) {
            return 0;
        }
        if (spec.getSessionAffinityConfig() != null && spec.getSessionAffinityConfig().getClientIP() != null
                && spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds() != null) {
            return spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        }
        return DEFAULT_AFFINITY_TIMEOUT_SECONDS;
    }

    /**
     * Ready endpoints; when none is ready, those still serving while terminating, so connections drain
     * instead of failing (as kube-proxy does). Each slice says which number the port's name has on its pods.
     */
    private static List<ServiceEndpoint> endpointsOf(ServicePort servicePort, Protocol protocol,
                                                     List<EndpointSlice> slices) {
        TreeSet<ServiceEndpoint> ready = new TreeSet<>();
        TreeSet<ServiceEndpoint> terminating = new TreeSet<>();
        for (EndpointSlice slice : slices) {
            Optional<Integer> target = targetPort(servicePort, protocol, slice.getPorts());
            if (target.isEmpty() || slice.getEndpoints() == null) {
                continue;
            }
            for (Endpoint endpoint : slice.getEndpoints()) {
                if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                ServiceEndpoint backend = new ServiceEndpoint(endpoint.getAddresses().get(0), target.get());
                EndpointConditions conditions = endpoint.getConditions();
                if (conditions == null || !Boolean.FALSE.equals(conditions.getReady())) {
                    ready.add(backend);
                } else if (Boolean.TRUE.equals(conditions.getServing())
                        && Boolean.TRUE.equals(conditions.getTerminating())) {
                    terminating.add(backend);
                }
            }
        }
        return List.copyOf(ready.isEmpty() ? terminating : ready);
    }

    /**
     * The slice's port of the same name and protocol; without one, a numeric target port (or the port itself)
     * still works, while a named target port cannot be resolved.
     */
    private static Optional<Integer> targetPort(ServicePort servicePort, Protocol protocol,
                                                List<EndpointPort> slicePorts) {
        String name = Objects.requireNonNullElse(servicePort.getName(), "");
        if (slicePorts != null) {
            for (EndpointPort slicePort : slicePorts) {
                if (name.equals(Objects.requireNonNullElse(slicePort.getName(), ""))
                        && Protocol.parse(slicePort.getProtocol()).equals(Optional.of(protocol))
                        && slicePort.getPort() != null) {
                    return Optional.of(slicePort.getPort());
                }
            }
        }
        IntOrString target = servicePort.getTargetPort();
        if (target == null) {
            return Optional.of(servicePort.getPort());
        }
        return target.getIntVal() != null ? Optional.of(target.getIntVal()) : Optional.empty();
    }
}
