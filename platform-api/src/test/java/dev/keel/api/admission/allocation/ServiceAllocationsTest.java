package dev.keel.api.admission.allocation;

import static dev.keel.api.admission.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.admission.AdmissionChain;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import dev.keel.api.status.ApiException;
import dev.keel.api.store.EtcdStore;
import io.fabric8.kubernetes.api.model.Service;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Service allocation as the admission chain runs it, against a real etcd. */
class ServiceAllocationsTest {

    private final EtcdStore store = EtcdStores.shared();
    private String prefix;
    private ServiceAllocations allocations;

    @BeforeEach
    void setUp() {
        prefix = EtcdStores.freshPrefix();
        allocations = allocations("10.96.0.0/16");
    }

    private ServiceAllocations allocations(String cidr) {
        return new ServiceAllocations(
                new RangeAllocator(store, prefix + "serviceips/", ServiceIpRange.parse(cidr), new Random()),
                new RangeAllocator(store, prefix + "servicenodeports/", NodePortRange.parse("30000-32767"), new Random()));
    }

    /** Defaulting then allocation, as the chain does; returns the request for rollback. */
    private AdmissionRequest admit(AdmissionRequest request) {
        Plugins.defaulted(request);
        allocations.mutate(request);
        return request;
    }

    /** A service that went through creation and was stored. */
    private Service created(Service service) {
        admit(Requests.create(service)).commit();
        return service;
    }

    private boolean ipHeld(String ip) {
        return store.get(prefix + "serviceips/" + ip).isPresent();
    }

    private boolean portHeld(int port) {
        return store.get(prefix + "servicenodeports/" + port).isPresent();
    }

    @Test
    void clusterIpServicesGetAnAddressFromTheRange() {
        Service service = created(service("web").port("http", 80).build());

        String ip = service.getSpec().getClusterIP();
        assertThat(ServiceIpRange.parse("10.96.0.0/16").indexOf(ip)).isGreaterThanOrEqualTo(256);
        assertThat(service.getSpec().getClusterIPs()).containsExactly(ip);
        assertThat(service.getSpec().getIpFamilies()).containsExactly("IPv4");
        assertThat(service.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(new String(store.get(prefix + "serviceips/" + ip).orElseThrow().value()))
                .isEqualTo("default/web/" + service.getMetadata().getUid());
        assertThat(Plugins.errors(Requests.create(service))).isEmpty();
    }

    @Test
    void theKubernetesServiceGetsTheFirstAddressByAskingForIt() {
        Service kubernetes = created(service("kubernetes").port("https", 443).clusterIp("10.96.0.1").build());

        assertThat(kubernetes.getSpec().getClusterIPs()).containsExactly("10.96.0.1");
        assertThat(ipHeld("10.96.0.1")).isTrue();
    }

    @Test
    void requestedAddressesMustBeFreeAndInRange() {
        created(service("dns").port("dns", 53).clusterIp("10.96.0.10").build());

        assertThatThrownBy(() -> admit(Requests.create(service("dns2").port("dns", 53).clusterIp("10.96.0.10").build())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessage("Service \"dns2\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.96.0.10\"}: "
                        + "failed to allocate IP 10.96.0.10: provided IP is already allocated");
        assertThatThrownBy(() -> admit(Requests.create(service("far").port("http", 80).clusterIp("10.97.0.1").build())))
                .hasMessage("Service \"far\" is invalid: spec.clusterIPs: Invalid value: []string{\"10.97.0.1\"}: failed to allocate "
                        + "IP 10.97.0.1: the provided IP (10.97.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/16");
    }

    @Test
    void headlessServicesGetNoAddress() {
        Service headless = created(service("db").port("sql", 5432).clusterIp("None").build());
        Service selectorless = service("external").port("http", 80).clusterIp("None").build();
        selectorless.getSpec().setSelector(null);
        created(selectorless);

        assertThat(headless.getSpec().getClusterIPs()).containsExactly("None");
        assertThat(headless.getSpec().getIpFamilyPolicy()).isEqualTo("SingleStack");
        assertThat(selectorless.getSpec().getIpFamilyPolicy()).isEqualTo("RequireDualStack");
        assertThat(selectorless.getSpec().getIpFamilies()).containsExactly("IPv4", "IPv6");
        assertThat(store.list(prefix + "serviceips/", null, 0, 0).items()).isEmpty();
    }

    @Test
    void dualStackDemandsAreRefusedOnThisCluster() {
        Service service = service("web").port("http", 80).spec(s -> s.setIpFamilyPolicy("RequireDualStack")).build();

        assertThatThrownBy(() -> admit(Requests.create(service))).hasMessage("Service \"web\" is invalid: spec.ipFamilyPolicy: "
                + "Invalid value: \"RequireDualStack\": this cluster is not configured for dual-stack services");
    }

    @Test
    void nodePortServicesGetPortsAndKeepRequestedOnes() {
        Service service = created(service("web").type("NodePort").port("http", 80).nodePort("admin", 8080, 30080).build());

        int automatic = service.getSpec().getPorts().get(0).getNodePort();
        assertThat(automatic).isBetween(30000, 32767).isNotEqualTo(30080);
        assertThat(service.getSpec().getPorts().get(1).getNodePort()).isEqualTo(30080);
        assertThat(portHeld(automatic)).isTrue();
        assertThat(portHeld(30080)).isTrue();
        assertThat(Plugins.errors(Requests.create(service))).isEmpty();
    }

    @Test
    void requestedNodePortsMustBeFreeAndInRange() {
        created(service("web").type("NodePort").nodePort("http", 80, 30080).build());

        assertThatThrownBy(() -> admit(Requests.create(service("api").type("NodePort").nodePort("http", 80, 30080).build())))
                .hasMessage("Service \"api\" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated");
        assertThatThrownBy(() -> admit(Requests.create(service("low").type("NodePort").nodePort("http", 80, 8080).build())))
                .hasMessage("Service \"low\" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the "
                        + "valid range. The range of valid ports is 30000-32767");
    }

    @Test
    void portsSharingANumberShareANodePort() {
        Service service = created(service("dns").type("NodePort").port("dns-udp", 53).port("dns-tcp", 53)
                .spec(s -> s.getPorts().get(0).setProtocol("UDP")).build());

        assertThat(service.getSpec().getPorts().get(0).getNodePort()).isEqualTo(service.getSpec().getPorts().get(1).getNodePort());
    }

    @Test
    void dryRunsKeepNothing() {
        Service service = service("web").type("NodePort").port("http", 80).build();

        admit(Requests.dryRunCreate(service));

        assertThat(service.getSpec().getClusterIP()).isNotBlank();
        assertThat(service.getSpec().getPorts().get(0).getNodePort()).isNotNull();
        assertThat(store.list(prefix, null, 0, 0).items()).isEmpty();
    }

    @Test
    void dryRunsStillReportTakenValues() {
        created(service("web").type("NodePort").nodePort("http", 80, 30080).build());

        assertThatThrownBy(() -> admit(Requests.dryRunCreate(service("api").type("NodePort").nodePort("http", 80, 30080).build())))
                .hasMessageEndingWith("provided port is already allocated");
    }

    @Test
    void aWriteThatFailsGivesBackWhatItTook() {
        Service service = service("web").type("NodePort").port("http", 80).build();
        AdmissionRequest request = admit(Requests.create(service));

        request.rollback();

        assertThat(ipHeld(service.getSpec().getClusterIP())).isFalse();
        assertThat(portHeld(service.getSpec().getPorts().get(0).getNodePort())).isFalse();
    }

    @Test
    void aServiceThatFailsValidationKeepsNothing() {
        AdmissionChain chain = new AdmissionChain(
                Stream.concat(Plugins.defaulting().stream(), Stream.of(allocations)).toList(),
                Plugins.validating());
        Service service = service("web").type("NodePort").port("http", 80).port("http", 81).build();

        assertThatThrownBy(() -> chain.admit(Requests.create(service)))
                .hasMessage("Service \"web\" is invalid: spec.ports[1].name: Duplicate value: \"http\"");
        assertThat(service.getSpec().getClusterIP()).isNotBlank();
        assertThat(store.list(prefix, null, 0, 0).items()).isEmpty();
    }

    @Test
    void deletingAServiceFreesItsValues() {
        Service service = created(service("web").type("NodePort").port("http", 80).build());

        allocations.deleted(Requests.type(service), service);

        assertThat(store.list(prefix, null, 0, 0).items()).isEmpty();
    }

    @Test
    void aReplaceWithoutAllocatedValuesKeepsThem() {
        Service old = created(service("web").type("NodePort").port("http", 80).build());
        Service replacement = service("web").type("NodePort").port("http", 80).build();
        replacement.getMetadata().setUid(old.getMetadata().getUid());

        admit(Requests.update(replacement, old));

        assertThat(replacement.getSpec().getClusterIP()).isEqualTo(old.getSpec().getClusterIP());
        assertThat(replacement.getSpec().getPorts().get(0).getNodePort()).isEqualTo(old.getSpec().getPorts().get(0).getNodePort());
        assertThat(store.list(prefix, null, 0, 0).items()).hasSize(2);
        assertThat(Plugins.errors(Requests.update(replacement, old))).isEmpty();
    }

    @Test
    void turningNodePortIntoClusterIpFreesThePortsOnceStored() {
        Service old = created(service("web").type("NodePort").port("http", 80).build());
        int nodePort = old.getSpec().getPorts().get(0).getNodePort();
        Service updated = ModelTrees.copy(old);
        updated.getSpec().setType("ClusterIP");

        AdmissionRequest request = admit(Requests.update(updated, old));

        assertThat(updated.getSpec().getPorts().get(0).getNodePort()).isNull();
        assertThat(updated.getSpec().getExternalTrafficPolicy()).isNull();
        assertThat(Plugins.errors(Requests.update(updated, old))).isEmpty();
        assertThat(portHeld(nodePort)).as("held until the update is stored").isTrue();
        request.commit();
        assertThat(portHeld(nodePort)).isFalse();
        assertThat(ipHeld(updated.getSpec().getClusterIP())).isTrue();
    }

    @Test
    void aChangedNodePortFreesTheOldOneAfterTheWrite() {
        Service old = created(service("web").type("NodePort").nodePort("http", 80, 30100).build());
        Service updated = ModelTrees.copy(old);
        updated.getSpec().getPorts().get(0).setNodePort(30101);

        AdmissionRequest request = admit(Requests.update(updated, old));

        assertThat(portHeld(30101)).isTrue();
        assertThat(portHeld(30100)).isTrue();
        request.commit();
        assertThat(portHeld(30100)).isFalse();
        assertThat(portHeld(30101)).isTrue();
    }

    @Test
    void aFailedUpdateKeepsTheOldPortAndGivesBackTheNewOne() {
        Service old = created(service("web").type("NodePort").nodePort("http", 80, 30200).build());
        Service updated = ModelTrees.copy(old);
        updated.getSpec().getPorts().get(0).setNodePort(30201);
        AdmissionRequest request = admit(Requests.update(updated, old));

        request.rollback();

        assertThat(portHeld(30200)).isTrue();
        assertThat(portHeld(30201)).isFalse();
    }

    @Test
    void turningIntoExternalNameFreesTheAddress() {
        Service old = created(service("web").port("http", 80).build());
        String ip = old.getSpec().getClusterIP();
        Service updated = ModelTrees.copy(old);
        updated.getSpec().setType("ExternalName");
        updated.getSpec().setExternalName("example.com");

        AdmissionRequest request = admit(Requests.update(updated, old));

        assertThat(updated.getSpec().getClusterIP()).isNull();
        assertThat(updated.getSpec().getClusterIPs()).isEmpty();
        assertThat(Plugins.errors(Requests.update(updated, old))).isEmpty();
        assertThat(ipHeld(ip)).as("held until the update is stored").isTrue();
        request.commit();
        assertThat(ipHeld(ip)).isFalse();
    }

    @Test
    void aFullRangeIsAServerError() {
        allocations = allocations("10.250.0.0/30");
        created(service("one").port("http", 80).build());
        created(service("two").port("http", 80).build());

        assertThatThrownBy(() -> admit(Requests.create(service("three").port("http", 80).build())))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(500))
                .hasMessage("Internal error occurred: failed to allocate a serviceIP: range is full");
    }

    @Test
    void otherKindsAndSubresourcesAreIgnored() {
        Service service = service("web").port("http", 80).build();
        Plugins.defaulted(Requests.create(service));

        allocations.mutate(Requests.subresource("status", service, ModelTrees.copy(service)));

        assertThat(service.getSpec().getClusterIP()).isNull();
        assertThat(store.list(prefix, null, 0, 0).items()).isEmpty();
    }
}
