package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.ClientIPConfig;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.SessionAffinityConfig;
import org.springframework.stereotype.Component;

/**
 * v1 Service defaults: type ClusterIP, no session affinity, TCP ports targeting the same port number, Cluster
 * traffic policies. IP families and cluster IPs are settled later, by allocation, as upstream does.
 */
@Component
public class ServiceDefaulting implements MutatingAdmission {

    /** Upstream's default ClientIP affinity timeout: three hours. */
    public static final int DEFAULT_AFFINITY_SECONDS = 10800;

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Service") || !(request.object() instanceof Service service)) {
            return;
        }
        if (service.getSpec() == null) {
            service.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = service.getSpec();
        if (PodSpecDefaults.blank(spec.getSessionAffinity())) {
            spec.setSessionAffinity("None");
        }
        if (spec.getSessionAffinity().equals("None")) {
            spec.setSessionAffinityConfig(null);
        } else if (spec.getSessionAffinity().equals("ClientIP")) {
            SessionAffinityConfig config = spec.getSessionAffinityConfig();
            if (config == null || config.getClientIP() == null || config.getClientIP().getTimeoutSeconds() == null) {
                spec.setSessionAffinityConfig(new SessionAffinityConfig(new ClientIPConfig(DEFAULT_AFFINITY_SECONDS)));
            }
        }
        if (PodSpecDefaults.blank(spec.getType())) {
            spec.setType("ClusterIP");
        }
        if (spec.getPorts() != null) {
            for (ServicePort port : spec.getPorts()) {
                if (PodSpecDefaults.blank(port.getProtocol())) {
                    port.setProtocol("TCP");
                }
                IntOrString target = port.getTargetPort();
                boolean unset = target == null || (target.getStrVal() == null && (target.getIntVal() == null || target.getIntVal() == 0))
                        || "".equals(target.getStrVal());
                if (unset && port.getPort() != null) {
                    port.setTargetPort(new IntOrString(port.getPort()));
                }
            }
        }
        String type = spec.getType();
        if (externallyAccessible(spec) && PodSpecDefaults.blank(spec.getExternalTrafficPolicy())) {
            spec.setExternalTrafficPolicy("Cluster");
        }
        if (spec.getInternalTrafficPolicy() == null
                && (type.equals("ClusterIP") || type.equals("NodePort") || type.equals("LoadBalancer"))) {
            spec.setInternalTrafficPolicy("Cluster");
        }
        if (type.equals("LoadBalancer") && spec.getAllocateLoadBalancerNodePorts() == null) {
            spec.setAllocateLoadBalancerNodePorts(true);
        }
    }

    /** Reachable from outside the cluster: node ports, load balancers, or cluster IPs with external IPs. */
    public static boolean externallyAccessible(ServiceSpec spec) {
        String type = spec.getType() == null ? "" : spec.getType();
        return type.equals("NodePort") || type.equals("LoadBalancer")
                || (type.equals("ClusterIP") && spec.getExternalIPs() != null && !spec.getExternalIPs().isEmpty());
    }
}
