package dev.keel.api.admission.allocation;

import dev.keel.api.admission.defaults.ServiceDefaulting;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How upstream reconciles a service update with what was allocated before it: values the client left out are
 * kept (so a replace without clusterIP or nodePort works), clusterIP and clusterIPs are kept in step, and
 * fields the new type has no use for are dropped when the client did not change them (so NodePort to
 * ClusterIP frees the node ports instead of failing validation).
 */
public final class ServiceFieldCarryOver {

    private ServiceFieldCarryOver() {
    }

    /** On create: a client that set only clusterIP means clusterIPs too. */
    public static void normalizeCreate(ServiceSpec spec) {
        if (!blank(spec.getClusterIP()) && empty(spec.getClusterIPs())) {
            spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
        }
    }

    public static void update(ServiceSpec old, ServiceSpec spec) {
        keepAllocated(old, spec);
        normalizeUpdate(old, spec);
        dropTypeDependent(old, spec);
    }

    private static void keepAllocated(ServiceSpec old, ServiceSpec spec) {
        if (needsClusterIp(old) && needsClusterIp(spec)) {
            if (blank(spec.getClusterIP())) {
                spec.setClusterIP(old.getClusterIP());
            }
            if (empty(spec.getClusterIPs()) && !empty(old.getClusterIPs())) {
                spec.setClusterIPs(new ArrayList<>(old.getClusterIPs()));
            }
        }
        if (needsNodePorts(old) && needsNodePorts(spec)) {
            Set<Integer> used = nodePorts(old);
            used.retainAll(nodePorts(spec));
            // Matched by port name: the client may have changed anything else about the port.
            Map<String, Integer> byName = new HashMap<>();
            for (ServicePort port : ports(old)) {
                byName.put(String.valueOf(port.getName()), port.getNodePort());
            }
            for (ServicePort port : ports(spec)) {
                if (zero(port.getNodePort())) {
                    Integer previous = byName.get(String.valueOf(port.getName()));
                    if (!zero(previous) && !used.contains(previous)) {
                        port.setNodePort(previous);
                    }
                }
            }
        }
        if (needsHealthCheck(old) && needsHealthCheck(spec) && zero(spec.getHealthCheckNodePort())) {
            spec.setHealthCheckNodePort(old.getHealthCheckNodePort());
        }
    }

    private static void normalizeUpdate(ServiceSpec old, ServiceSpec spec) {
        // An old client that patched clusterIP alone: derive clusterIPs from it.
        if (!empty(old.getClusterIPs()) && empty(spec.getClusterIPs()) && Objects.equals(old.getClusterIP(), spec.getClusterIP())) {
            spec.setClusterIPs(new ArrayList<>(old.getClusterIPs()));
        }
        if (!Objects.equals(old.getClusterIP(), spec.getClusterIP())) {
            boolean sameIps = Objects.equals(list(old.getClusterIPs()), list(spec.getClusterIPs()));
            if (!blank(old.getClusterIP()) && blank(spec.getClusterIP())) {
                if (sameIps) {
                    spec.setClusterIPs(new ArrayList<>());
                }
            } else if (sameIps) {
                spec.setClusterIPs(new ArrayList<>(List.of(spec.getClusterIP())));
            }
        }
    }

    private static void dropTypeDependent(ServiceSpec old, ServiceSpec spec) {
        if (needsClusterIp(old) && !needsClusterIp(spec)) {
            if (Objects.equals(list(old.getClusterIPs()), list(spec.getClusterIPs()))) {
                spec.setClusterIP(null);
                spec.setClusterIPs(new ArrayList<>());
            }
            if (Objects.equals(list(old.getIpFamilies()), list(spec.getIpFamilies()))) {
                spec.setIpFamilies(new ArrayList<>());
            }
            if (Objects.equals(old.getIpFamilyPolicy(), spec.getIpFamilyPolicy())) {
                spec.setIpFamilyPolicy(null);
            }
        }
        if (needsNodePorts(old) && !needsNodePorts(spec) && nodePorts(old).equals(nodePorts(spec))) {
            ports(spec).forEach(port -> port.setNodePort(null));
        }
        if (needsHealthCheck(old) && !needsHealthCheck(spec)
                && Objects.equals(old.getHealthCheckNodePort(), spec.getHealthCheckNodePort())) {
            spec.setHealthCheckNodePort(null);
        }
        if (!"LoadBalancer".equals(spec.getType())) {
            spec.setAllocateLoadBalancerNodePorts(null);
            if (Objects.equals(old.getLoadBalancerClass(), spec.getLoadBalancerClass())) {
                spec.setLoadBalancerClass(null);
            }
        }
        if (!ServiceDefaulting.externallyAccessible(spec)
                && Objects.equals(old.getExternalTrafficPolicy(), spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy(null);
        }
        if ("ExternalName".equals(spec.getType()) && Objects.equals(old.getInternalTrafficPolicy(), spec.getInternalTrafficPolicy())) {
            spec.setInternalTrafficPolicy(null);
        }
    }

    public static boolean needsClusterIp(ServiceSpec spec) {
        return !"ExternalName".equals(spec.getType());
    }

    public static boolean needsNodePorts(ServiceSpec spec) {
        return "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
    }

    public static boolean needsHealthCheck(ServiceSpec spec) {
        return "LoadBalancer".equals(spec.getType()) && "Local".equals(spec.getExternalTrafficPolicy());
    }

    static Set<Integer> nodePorts(ServiceSpec spec) {
        Set<Integer> ports = new HashSet<>();
        for (ServicePort port : ports(spec)) {
            if (!zero(port.getNodePort())) {
                ports.add(port.getNodePort());
            }
        }
        return ports;
    }

    static List<ServicePort> ports(ServiceSpec spec) {
        return spec.getPorts() == null ? List.of() : spec.getPorts();
    }

    private static List<String> list(List<String> values) {
        return values == null ? List.of() : values;
    }

    static boolean zero(Integer value) {
        return value == null || value == 0;
    }

    static boolean blank(String value) {
        return value == null || value.isEmpty();
    }

    private static boolean empty(List<?> values) {
        return values == null || values.isEmpty();
    }
}
