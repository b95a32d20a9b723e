package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Ipv4;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Services: type, ports, cluster IP fields and traffic policies; on update the cluster IPs stay as
 * allocated (unless the service turns into or out of ExternalName).
 */
@Component
public class ServiceValidation implements ValidatingAdmission {

    public static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");
    private static final List<String> TRAFFIC_POLICIES = List.of("Cluster", "Local");
    private static final List<String> FAMILIES = List.of("IPv4", "IPv6");
    private static final List<String> FAMILY_POLICIES = List.of("PreferDualStack", "RequireDualStack", "SingleStack");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("Service") || !(request.object() instanceof Service service)) {
            return;
        }
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        String type = spec.getType() == null ? "" : spec.getType();
        boolean externalName = type.equals("ExternalName");
        if (!TYPES.contains(type)) {
            errors.notSupported("spec.type", type, TYPES);
        }
        List<ServicePort> ports = spec.getPorts() == null ? List.of() : spec.getPorts();
        if (ports.isEmpty() && !isHeadless(spec) && !externalName) {
            errors.required("spec.ports", "");
        }
        ports(errors, type, ports);
        if (externalName) {
            externalName(errors, spec);
        } else {
            clusterIps(errors, spec);
        }
        if (!AFFINITIES.contains(String.valueOf(spec.getSessionAffinity()))) {
            errors.notSupported("spec.sessionAffinity", String.valueOf(spec.getSessionAffinity()), AFFINITIES);
        } else if (spec.getSessionAffinity().equals("ClientIP") && spec.getSessionAffinityConfig() != null
                && spec.getSessionAffinityConfig().getClientIP() != null) {
            Integer timeout = spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
            if (timeout != null && (timeout <= 0 || timeout > 86400)) {
                errors.invalid("spec.sessionAffinityConfig.clientIP.timeoutSeconds", timeout,
                        "must be greater than 0 and less than 86400");
            }
        }
        trafficPolicies(errors, spec, type);
        for (int i = 0; spec.getExternalIPs() != null && i < spec.getExternalIPs().size(); i++) {
            String ip = spec.getExternalIPs().get(i);
            errors.invalidEach("spec.externalIPs[" + i + "]", ip, NameRules.ip(ip));
        }
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof Service old && old.getSpec() != null) {
            validateUpdate(errors, old.getSpec(), spec);
        }
    }

    static boolean isHeadless(ServiceSpec spec) {
        return "None".equals(spec.getClusterIP());
    }

    private static void ports(FieldErrors errors, String type, List<ServicePort> ports) {
        Set<String> names = new HashSet<>();
        Set<String> portKeys = new HashSet<>();
        Set<String> nodePortKeys = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            ServicePort port = ports.get(i);
            String path = "spec.ports[" + i + "]";
            String name = port.getName() == null ? "" : port.getName();
            if (ports.size() > 1 && name.isEmpty()) {
                errors.required(path + ".name", "");
            } else if (!name.isEmpty()) {
                errors.invalidEach(path + ".name", name, NameRules.dns1123Label(name));
                if (!names.add(name)) {
                    errors.duplicate(path + ".name", name);
                }
            }
            int number = port.getPort() == null ? 0 : port.getPort();
            errors.invalidEach(path + ".port", number, NameRules.portNumber(number));
            String protocol = port.getProtocol() == null ? "" : port.getProtocol();
            if (protocol.isEmpty()) {
                errors.required(path + ".protocol", "");
            } else if (!ContainerRules.PROTOCOLS.contains(protocol)) {
                errors.notSupported(path + ".protocol", protocol, ContainerRules.PROTOCOLS);
            }
            ProbeRules.portNumberOrName(errors, path + ".targetPort", port.getTargetPort());
            if (!portKeys.add(protocol + "/" + number)) {
                errors.duplicate(path, new GoValue("core.ServicePort{Name:\"\", Protocol:" + GoValue.quote(protocol)
                        + ", AppProtocol:(*string)(nil), Port:" + number
                        + ", TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}"));
            }
            int nodePort = port.getNodePort() == null ? 0 : port.getNodePort();
            if (nodePort != 0) {
                if (type.equals("ClusterIP")) {
                    errors.forbidden(path + ".nodePort", "may not be used when `type` is 'ClusterIP'");
                } else if (!nodePortKeys.add(protocol + "/" + nodePort)) {
                    errors.duplicate(path + ".nodePort", nodePort);
                }
            }
        }
    }

    private static void externalName(FieldErrors errors, ServiceSpec spec) {
        String forbidden = "may not be set for ExternalName services";
        if (spec.getClusterIP() != null && !spec.getClusterIP().isEmpty()) {
            errors.forbidden("spec.clusterIP", forbidden);
        }
        if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
            errors.forbidden("spec.clusterIPs", forbidden);
        }
        if (spec.getIpFamilies() != null && !spec.getIpFamilies().isEmpty()) {
            errors.forbidden("spec.ipFamilies", forbidden);
        }
        if (spec.getIpFamilyPolicy() != null) {
            errors.forbidden("spec.ipFamilyPolicy", forbidden);
        }
        String name = spec.getExternalName() == null ? "" : spec.getExternalName();
        if (name.isEmpty()) {
            errors.required("spec.externalName", "");
        } else {
            String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
            errors.invalidEach("spec.externalName", trimmed, NameRules.dns1123Subdomain(trimmed));
        }
    }

    private static void clusterIps(FieldErrors errors, ServiceSpec spec) {
        String clusterIp = spec.getClusterIP() == null ? "" : spec.getClusterIP();
        List<String> clusterIps = spec.getClusterIPs() == null ? List.of() : spec.getClusterIPs();
        if (!clusterIp.isEmpty()) {
            if (clusterIps.isEmpty()) {
                errors.required("spec.clusterIPs", "");
            } else if (!clusterIps.get(0).equals(clusterIp)) {
                errors.invalid("spec.clusterIPs", GoValue.stringList(clusterIps), "first value must match `clusterIP`");
            }
        } else if (!clusterIps.isEmpty()) {
            errors.invalid("spec.clusterIPs", GoValue.stringList(clusterIps), "must be empty when `clusterIP` is not specified");
        }
        List<String> families = spec.getIpFamilies() == null ? List.of() : spec.getIpFamilies();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < families.size(); i++) {
            String family = families.get(i);
            if (!FAMILIES.contains(family)) {
                errors.notSupported("spec.ipFamilies[" + i + "]", family, FAMILIES);
            }
            if (!seen.add(family)) {
                errors.duplicate("spec.ipFamilies[" + i + "]", family);
            }
        }
        if (spec.getIpFamilyPolicy() != null && !FAMILY_POLICIES.contains(spec.getIpFamilyPolicy())) {
            errors.notSupported("spec.ipFamilyPolicy", spec.getIpFamilyPolicy(), FAMILY_POLICIES);
        }
        boolean invalidIps = false;
        for (int i = 0; i < clusterIps.size(); i++) {
            String ip = clusterIps.get(i);
            if (i == 0 && ip.equals("None")) {
                if (clusterIps.size() > 1) {
                    invalidIps = true;
                    errors.invalid("spec.clusterIPs", GoValue.stringList(clusterIps), "'None' must be the first and only value");
                }
                continue;
            }
            List<String> problems = NameRules.ip(ip);
            invalidIps |= !problems.isEmpty();
            errors.invalidEach("spec.clusterIPs[" + i + "]", ip, problems);
        }
        if (clusterIps.size() > 2) {
            errors.invalid("spec.clusterIPs", GoValue.stringList(clusterIps), "may only hold up to 2 values");
        }
        if (invalidIps) {
            return;
        }
        if (clusterIps.size() == 2 && isV4(clusterIps.get(0)) == isV4(clusterIps.get(1))) {
            errors.invalid("spec.clusterIPs", GoValue.stringList(clusterIps), "may specify no more than one IP for each IP family");
        }
        if (!isHeadless(spec)) {
            for (int i = 0; i < clusterIps.size() && i < families.size(); i++) {
                boolean v4 = isV4(clusterIps.get(i));
                if (families.get(i).equals("IPv4") && !v4) {
                    errors.invalid("spec.clusterIPs[" + i + "]", clusterIps.get(i), "expected an IPv4 value as indicated by `ipFamilies[" + i + "]`");
                } else if (families.get(i).equals("IPv6") && v4) {
                    errors.invalid("spec.clusterIPs[" + i + "]", clusterIps.get(i), "expected an IPv6 value as indicated by `ipFamilies[" + i + "]`");
                }
            }
        }
    }

    private static void trafficPolicies(FieldErrors errors, ServiceSpec spec, String type) {
        boolean external = type.equals("NodePort") || type.equals("LoadBalancer")
                || (type.equals("ClusterIP") && spec.getExternalIPs() != null && !spec.getExternalIPs().isEmpty());
        String externalPolicy = spec.getExternalTrafficPolicy();
        if (externalPolicy != null && !externalPolicy.isEmpty()) {
            if (!external) {
                errors.invalid("spec.externalTrafficPolicy", externalPolicy, "may only be set for externally-accessible services");
            } else if (!TRAFFIC_POLICIES.contains(externalPolicy)) {
                errors.notSupported("spec.externalTrafficPolicy", externalPolicy, TRAFFIC_POLICIES);
            }
        } else if (external) {
            errors.required("spec.externalTrafficPolicy", "");
        }
        Integer healthCheck = spec.getHealthCheckNodePort();
        if (healthCheck != null && healthCheck != 0 && !(type.equals("LoadBalancer") && "Local".equals(externalPolicy))) {
            errors.invalid("spec.healthCheckNodePort", healthCheck,
                    "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
        }
        String internalPolicy = spec.getInternalTrafficPolicy();
        if (internalPolicy != null && !TRAFFIC_POLICIES.contains(internalPolicy)) {
            errors.notSupported("spec.internalTrafficPolicy", internalPolicy, TRAFFIC_POLICIES);
        }
    }

    private static void validateUpdate(FieldErrors errors, ServiceSpec old, ServiceSpec spec) {
        if ("ExternalName".equals(old.getType()) || "ExternalName".equals(spec.getType())) {
            return;
        }
        if (isHeadless(old) && isHeadless(spec)) {
            return;
        }
        List<String> before = old.getClusterIPs() == null ? List.of() : old.getClusterIPs();
        List<String> after = spec.getClusterIPs() == null ? List.of() : spec.getClusterIPs();
        if (after.isEmpty() && !before.isEmpty()) {
            errors.invalid("spec.clusterIPs[0]", GoValue.stringList(after), "primary clusterIP can not be unset");
            return;
        }
        for (int i = 0; i < Math.min(before.size(), after.size()); i++) {
            if (!before.get(i).equals(after.get(i))) {
                errors.invalid("spec.clusterIPs[" + i + "]", GoValue.stringList(after), "may not change once set");
            }
        }
        List<String> oldFamilies = old.getIpFamilies() == null ? List.of() : old.getIpFamilies();
        List<String> families = spec.getIpFamilies() == null ? List.of() : spec.getIpFamilies();
        if (!oldFamilies.isEmpty() && !families.isEmpty() && !oldFamilies.get(0).equals(families.get(0))) {
            errors.invalid("spec.ipFamilies[0]", GoValue.stringList(families), "may not change once set");
        }
        if ("LoadBalancer".equals(old.getType()) && "LoadBalancer".equals(spec.getType())
                && !Objects.equals(old.getLoadBalancerClass(), spec.getLoadBalancerClass())) {
            errors.invalid("spec.loadBalancerClass", spec.getLoadBalancerClass(), "may not change once set");
        }
    }

    private static boolean isV4(String ip) {
        return Ipv4.parse(ip) != null;
    }
}
