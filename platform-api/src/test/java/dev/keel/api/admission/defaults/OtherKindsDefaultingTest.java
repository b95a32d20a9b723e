package dev.keel.api.admission.defaults;

import static dev.keel.api.admission.Fixtures.meta;
import static dev.keel.api.admission.Fixtures.service;
import static dev.keel.api.admission.Json.assertAbsent;
import static dev.keel.api.admission.Json.assertAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OtherKindsDefaultingTest {

    @Test
    void servicesDefaultToClusterIpWithTcpPortsTargetingThemselves() {
        Service service = service("web").port("http", 80).build();

        Plugins.defaulted(Requests.create(service));

        assertAt(service, "/spec/type", "ClusterIP");
        assertAt(service, "/spec/sessionAffinity", "None");
        assertAt(service, "/spec/ports/0/protocol", "TCP");
        assertAt(service, "/spec/ports/0/targetPort", 80);
        assertAt(service, "/spec/internalTrafficPolicy", "Cluster");
        assertAbsent(service, "/spec/externalTrafficPolicy");
    }

    @Test
    void externallyReachableServicesGetAnExternalTrafficPolicy() {
        Service nodePort = service("web").type("NodePort").port("http", 80).build();
        Service balanced = service("lb").type("LoadBalancer").port("http", 80).build();

        Plugins.defaulted(Requests.create(nodePort));
        Plugins.defaulted(Requests.create(balanced));

        assertAt(nodePort, "/spec/externalTrafficPolicy", "Cluster");
        assertAt(balanced, "/spec/externalTrafficPolicy", "Cluster");
        assertAt(balanced, "/spec/allocateLoadBalancerNodePorts", true);
    }

    @Test
    void namedTargetPortsAndClientIpAffinityAreKept() {
        Service service = service("web").port("http", 80).spec(spec -> {
            spec.getPorts().get(0).setTargetPort(new IntOrString("web"));
            spec.setSessionAffinity("ClientIP");
        }).build();

        Plugins.defaulted(Requests.create(service));

        assertAt(service, "/spec/ports/0/targetPort", "web");
        assertAt(service, "/spec/sessionAffinityConfig/clientIP/timeoutSeconds", 10800);
    }

    @Test
    void secretsAreOpaqueAndFoldStringDataIntoData() {
        Secret secret = new Secret();
        secret.setMetadata(meta("creds"));
        secret.setStringData(Map.of("password", "s3cret"));

        Plugins.defaulted(Requests.create(secret));

        assertThat(secret.getType()).isEqualTo("Opaque");
        assertThat(secret.getData()).containsEntry("password", "czNjcmV0");
        assertAbsent(secret, "/stringData");
    }

    @Test
    void claimsUseFilesystemVolumes() {
        PersistentVolumeClaim claim = new PersistentVolumeClaim();
        claim.setMetadata(meta("data"));

        Plugins.defaulted(Requests.create(claim));

        assertAt(claim, "/spec/volumeMode", "Filesystem");
        assertAt(claim, "/status/phase", "Pending");
    }

    @Test
    void namespacesAreLabelledWithTheirName() {
        Namespace namespace = new Namespace();
        namespace.setMetadata(meta("team-a"));
        namespace.getMetadata().setNamespace(null);

        Plugins.defaulted(Requests.create(namespace));

        assertThat(namespace.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a");
    }

    @Test
    void endpointPortsAreTcp() {
        Endpoints endpoints = new Endpoints();
        endpoints.setMetadata(meta("web"));
        EndpointSubset subset = new EndpointSubset();
        EndpointPort port = new EndpointPort();
        port.setPort(80);
        subset.setPorts(List.of(port));
        endpoints.setSubsets(List.of(subset));
        EndpointSlice slice = new EndpointSlice();
        slice.setMetadata(meta("web-abc"));
        io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort slicePort = new io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort();
        slicePort.setPort(80);
        slice.setPorts(List.of(slicePort));

        Plugins.defaulted(Requests.create(endpoints));
        Plugins.defaulted(Requests.create(slice));

        assertAt(endpoints, "/subsets/0/ports/0/protocol", "TCP");
        assertAt(slice, "/ports/0/protocol", "TCP");
        assertAt(slice, "/ports/0/name", "");
    }

    @Test
    void nodesOfferTheirWholeCapacityWhenAllocatableIsMissing() {
        Node node = new Node();
        node.setMetadata(meta("node-1"));
        node.getMetadata().setNamespace(null);
        NodeStatus status = new NodeStatus();
        status.setCapacity(Map.of("cpu", new Quantity("4"), "pods", new Quantity("110")));
        node.setStatus(status);

        Plugins.defaulted(Requests.subresource("status", node, node));

        assertAt(node, "/status/allocatable", Map.of("cpu", "4", "pods", "110"));
    }
}
