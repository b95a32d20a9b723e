package dev.keel.proxy.testing;

import dev.keel.proxy.service.ProxyStateBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;

/** fabric8 objects for tests: a Service with one named port, and EndpointSlices with endpoints by readiness. */
public final class Objects {

    private Objects() {
    }

    /** A ClusterIP Service {@code namespace/name} with port "http" 80 to the given target port. */
    public static ServiceBuilder service(String namespace, String name, String clusterIp, IntOrString target) {
        return new ServiceBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(clusterIp)
                .addNewPort().withName("http").withProtocol("TCP").withPort(80).withTargetPort(target).endPort()
                .endSpec();
    }

    /** A slice of {@code service} whose "http" port is {@code port} on its endpoints. */
    public static EndpointSliceBuilder slice(Service service, String sliceName, int port) {
        return new EndpointSliceBuilder().withNewMetadata().withNamespace(service.getMetadata().getNamespace())
                .withName(sliceName)
                .addToLabels(ProxyStateBuilder.SERVICE_NAME_LABEL, service.getMetadata().getName()).endMetadata()
                .withAddressType("IPv4")
                .addNewPort().withName("http").withProtocol("TCP").withPort(port).endPort();
    }

    public static EndpointBuilder endpoint(String ip, Boolean ready, Boolean serving, Boolean terminating) {
        return new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(ready).withServing(serving)
                .withTerminating(terminating).endConditions();
    }

    public static EndpointSlice withEndpoints(EndpointSliceBuilder slice, EndpointBuilder... endpoints) {
        for (EndpointBuilder endpoint : endpoints) {
            slice.addToEndpoints(endpoint.build());
        }
        return slice.build();
    }
}
