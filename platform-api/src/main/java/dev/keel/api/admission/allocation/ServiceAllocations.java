package dev.keel.api.admission.allocation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Ipv4;
import dev.keel.api.admission.MutatingAdmission;
import dev.keel.api.admission.ObjectDeletedHook;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.validation.GoValue;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster IPs and node ports for services: allocated on create (the requested ones if free and in range),
 * on update for what the update adds, and freed on delete or, for what an update drops, once that update is
 * stored. Dry runs check and pick values without keeping any; a write that fails gives back what it took.
 * Runs after the defaulting plugins, so the service type is settled.
 */
public class ServiceAllocations implements MutatingAdmission, ObjectDeletedHook {

    private static final Logger log = LoggerFactory.getLogger(ServiceAllocations.class);

    private final RangeAllocator clusterIps;
    private final RangeAllocator nodePorts;
    public ServiceAllocations(RangeAllocator clusterIps, RangeAllocator nodePorts) {
        this.clusterIps = clusterIps;
        this.nodePorts = nodePorts;
    }

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.type().kind().equals("Service") || !(request.object() instanceof Service service)
                || request.subresource() != null
                || (request.operation() != Operation.CREATE && request.operation() != Operation.UPDATE)) {
            return;
        }
        if (service.getSpec() == null) {
            service.setSpec(new ServiceSpec());
        }
        ServiceSpec spec = service.getSpec();
        ServiceSpec oldSpec = request.operation() == Operation.UPDATE && request.oldObject() instanceof Service old
                ? old.getSpec() : null;
        if (oldSpec != null) {
            ServiceFieldCarryOver.update(oldSpec, spec);
        } else {
            ServiceFieldCarryOver.normalizeCreate(spec);
        }
        FieldErrors errors = new FieldErrors();
        IpFamilies.settle(spec, oldSpec, errors);
        failOn(errors, service);
        Session session = new Session(request, service, ServiceHoldings.owner(service));
        clusterIp(session, spec, oldSpec, errors);
        failOn(errors, service);
        nodePorts(session, spec, oldSpec, errors);
        failOn(errors, service);
        if (!session.dropped.isEmpty() && !request.dryRun()) {
            // Only once the service is stored without them; a value re-claimed since keeps its key (revision check).
            List<Held> dropped = List.copyOf(session.dropped);
            request.onSuccess(() -> dropped.forEach(held ->
                    releaseQuietly(held.allocator(), held.value(), session.owner, held.keyRevision())));
        }
    }

    @Override
    public void deleted(ResourceType type, HasMetadata object) {
        if (!type.kind().equals("Service")) {
            return;
        }
        String owner = ServiceHoldings.owner(object);
        ServiceHoldings holdings = ServiceHoldings.of(object);
        holdings.clusterIps().forEach(ip -> releaseQuietly(clusterIps, ip, owner, null));
        holdings.nodePorts().forEach(port -> releaseQuietly(nodePorts, port, owner, null));
    }

    private void clusterIp(Session session, ServiceSpec spec, ServiceSpec oldSpec, FieldErrors errors) {
        if (!ServiceFieldCarryOver.needsClusterIp(spec)) {
            if (oldSpec != null) {
                ServiceHoldings.of(session.request.oldObject()).clusterIps().forEach(ip -> session.drop(clusterIps, ip, false));
            }
            return;
        }
        String requested = ServiceFieldCarryOver.blank(spec.getClusterIP()) ? null : spec.getClusterIP();
        if ("None".equals(requested)) {
            return;
        }
        if (oldSpec != null && ServiceFieldCarryOver.needsClusterIp(oldSpec) && !ServiceFieldCarryOver.blank(oldSpec.getClusterIP())) {
            // Already allocated; validation refuses any attempt to change it.
            return;
        }
        if (requested == null) {
            String ip = session.next(clusterIps, "failed to allocate a serviceIP", false);
            spec.setClusterIP(ip);
            spec.setClusterIPs(new ArrayList<>(List.of(ip)));
            return;
        }
        if (Ipv4.parse(requested) == null) {
            return;
        }
        Optional<AllocationException.Reason> failure = session.claim(clusterIps, requested, false);
        failure.ifPresent(reason -> errors.invalid("spec.clusterIPs", GoValue.stringList(spec.getClusterIPs()),
                "failed to allocate IP " + requested + ": " + switch (reason) {
                    case NOT_IN_RANGE -> "the provided IP (" + requested + ") is not in the valid range. The range of valid IPs is "
                            + clusterIps.range().describe();
                    default -> "provided IP is already allocated";
                }));
    }

    private void nodePorts(Session session, ServiceSpec spec, ServiceSpec oldSpec, FieldErrors errors) {
        Set<String> before = oldSpec == null ? Set.of() : ServiceHoldings.of(session.request.oldObject()).nodePorts();
        List<ServicePort> ports = ServiceFieldCarryOver.ports(spec);
        if (ServiceFieldCarryOver.needsNodePorts(spec)) {
            Map<Integer, Integer> byServicePort = new HashMap<>();
            // Requested ports first, so automatic picks cannot take them; ports sharing a number share a node port.
            for (int i = 0; i < ports.size(); i++) {
                ServicePort port = ports.get(i);
                if (!ServiceFieldCarryOver.zero(port.getNodePort())) {
                    byServicePort.putIfAbsent(port.getPort(), port.getNodePort());
                    requestPort(session, before, port.getNodePort(), "spec.ports[" + i + "].nodePort", errors);
                }
            }
            boolean allocateNew = !"LoadBalancer".equals(spec.getType()) || !Boolean.FALSE.equals(spec.getAllocateLoadBalancerNodePorts());
            for (ServicePort port : ports) {
                if (!ServiceFieldCarryOver.zero(port.getNodePort()) || !allocateNew || !errors.isEmpty()) {
                    continue;
                }
                Integer shared = byServicePort.get(port.getPort());
                int nodePort = shared != null ? shared : Integer.parseInt(session.next(nodePorts, "failed to allocate a nodePort", true));
                port.setNodePort(nodePort);
                byServicePort.putIfAbsent(port.getPort(), nodePort);
            }
        }
        if (ServiceFieldCarryOver.needsHealthCheck(spec) && errors.isEmpty()) {
            if (ServiceFieldCarryOver.zero(spec.getHealthCheckNodePort())) {
                spec.setHealthCheckNodePort(Integer.parseInt(session.next(nodePorts, "failed to allocate a nodePort", true)));
            } else {
                requestPort(session, before, spec.getHealthCheckNodePort(), "spec.healthCheckNodePort", errors);
            }
        }
        Set<String> kept = new HashSet<>(ServiceHoldings.of(session.service).nodePorts());
        for (String port : before) {
            if (!kept.contains(port)) {
                session.drop(nodePorts, port, true);
            }
        }
    }

    private void requestPort(Session session, Set<String> before, int nodePort, String field, FieldErrors errors) {
        String value = Integer.toString(nodePort);
        if (before.contains(value) || session.taken.contains(value)) {
            return;
        }
        session.claim(nodePorts, value, true).ifPresent(reason -> errors.invalid(field, nodePort, switch (reason) {
            case NOT_IN_RANGE -> "provided port is not in the valid range. The range of valid ports is " + nodePorts.range().describe();
            default -> "provided port is already allocated";
        }));
    }

    private static void failOn(FieldErrors errors, Service service) {
        if (!errors.isEmpty()) {
            throw Statuses.invalid("", "Service", service.getMetadata().getName(), errors.causes());
        }
    }

    /** A value the service held before this write and no longer uses, with the revision of its key. */
    private record Held(RangeAllocator allocator, String value, long keyRevision, boolean nodePort) {
    }

    private static void releaseQuietly(RangeAllocator allocator, String value, String owner, Long revision) {
        try {
            allocator.release(value, owner, revision);
        } catch (RuntimeException e) {
            // Runs on paths that already have an outcome (a failed write, a finished delete): report, don't replace it.
            log.warn("Could not release {} held by {}; it stays allocated", value, owner, e);
        }
    }

    /** The allocations of one admission request, with their undo actions registered on the request. */
    private final class Session {

        private final AdmissionRequest request;
        private final Service service;
        private final String owner;
        private final Set<String> taken = new HashSet<>();
        private final List<Held> dropped = new ArrayList<>();

        private Session(AdmissionRequest request, Service service, String owner) {
            this.request = request;
            this.service = service;
            this.owner = owner;
        }

        /** Claims a requested value; returns why it could not be had, if so. */
        Optional<AllocationException.Reason> claim(RangeAllocator allocator, String value, boolean nodePort) {
            if (request.dryRun()) {
                if (!allocator.contains(value)) {
                    return Optional.of(AllocationException.Reason.NOT_IN_RANGE);
                }
                if (!allocator.available(value, owner)) {
                    return Optional.of(AllocationException.Reason.ALREADY_ALLOCATED);
                }
                taken.add(value);
                return Optional.empty();
            }
            try {
                remember(allocator, allocator.claim(value, owner), nodePort);
                return Optional.empty();
            } catch (AllocationException e) {
                return Optional.of(e.reason());
            }
        }

        /** Some free value; a full range is a server-side failure (500), as upstream answers. */
        String next(RangeAllocator allocator, String what, boolean nodePort) {
            try {
                if (request.dryRun()) {
                    String value = allocator.peekNext(taken);
                    taken.add(value);
                    return value;
                }
                Claim claim = allocator.claimNext(owner);
                remember(allocator, claim, nodePort);
                return claim.value();
            } catch (AllocationException e) {
                throw RangeFull.error(what, e);
            }
        }

        void drop(RangeAllocator allocator, String value, boolean nodePort) {
            allocator.heldBy(value, owner).ifPresent(revision -> dropped.add(new Held(allocator, value, revision, nodePort)));
        }

        private void remember(RangeAllocator allocator, Claim claim, boolean nodePort) {
            taken.add(claim.value());
            // A value this service already held stays with it if the write fails: the stored service still uses it.
            if (claim.created()) {
                request.onFailure(() -> releaseQuietly(allocator, claim.value(), owner, claim.revision()));
            }
        }
    }
}
