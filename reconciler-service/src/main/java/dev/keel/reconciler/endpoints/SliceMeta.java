package dev.keel.reconciler.endpoints;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;

/** What all endpoints of one EndpointSlice share: the address type and the list of ports. */
public record SliceMeta(String addressType, List<EndpointPort> ports) {

    public SliceMeta {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    public static SliceMeta of(EndpointSlice slice) {
        return new SliceMeta(slice.getAddressType(), slice.getPorts());
    }
}
