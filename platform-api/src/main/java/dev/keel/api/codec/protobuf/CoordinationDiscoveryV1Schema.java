package dev.keel.api.codec.protobuf;

/**
 * k8s.io.api.coordination.v1 (leases) and k8s.io.api.discovery.v1 (endpoint slices): small groups that share a
 * class. Conventions of {@link SchemaBuilder}.
 */
final class CoordinationDiscoveryV1Schema {

    private static final String COORDINATION = """
            Lease: 1 metadata meta.ObjectMeta; 2 spec LeaseSpec
            LeaseSpec: 1 holderIdentity string!; 2 leaseDurationSeconds int32!; 3 acquireTime MicroTime
              4 renewTime MicroTime; 5 leaseTransitions int32!; 6 strategy string!; 7 preferredHolder string!
            """;

    private static final String DISCOVERY = """
            EndpointSlice: 1 metadata meta.ObjectMeta; 4 addressType string!; 2 endpoints Endpoint[]
              3 ports EndpointPort[]
            Endpoint: 1 addresses string[]; 2 conditions EndpointConditions; 3 hostname string!
              4 targetRef core.ObjectReference; 5 deprecatedTopology string{}; 6 nodeName string!; 7 zone string!
              8 hints EndpointHints
            EndpointConditions: 1 ready bool!; 2 serving bool!; 3 terminating bool!
            EndpointHints: 1 forZones ForZone[]; 2 forNodes ForNode[]
            ForZone: 1 name string!
            ForNode: 1 name string!
            EndpointPort: 1 name string!; 2 protocol string!; 3 port int32!; 4 appProtocol string!
            """;

    private CoordinationDiscoveryV1Schema() {
    }

    static void register(SchemaBuilder schema) {
        schema.messages("coordination", COORDINATION);
        schema.messages("discovery", DISCOVERY);
        schema.kind("coordination.k8s.io/v1", "Lease", "coordination.Lease")
                .kind("discovery.k8s.io/v1", "EndpointSlice", "discovery.EndpointSlice");
    }
}
