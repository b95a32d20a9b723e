package dev.keel.api.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeLocatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void agentIsAtTheInternalIpOnTheKubeletPort() {
        Node node = node(10250).editStatus().addNewAddress().withType("Hostname").withAddress("n1").endAddress()
            .addNewAddress().withType("InternalIP").withAddress("10.200.0.2").endAddress().endStatus().build();
        assertThat(NodeLocator.target(json(node))).hasValueSatisfying(target -> {
            assertThat(target.baseUrl()).isEqualTo("https://10.200.0.2:10250");
            assertThat(target.node()).isEqualTo("n1");
        });
    }

    @Test
    void withoutAnInternalIpTheFirstAddressIsUsedAndIpv6IsBracketed() {
        Node node = node(10250).editStatus().addNewAddress().withType("ExternalIP").withAddress("fd00::2").endAddress()
            .endStatus().build();
        assertThat(NodeLocator.target(json(node)).map(NodeTarget::baseUrl)).contains("https://[fd00::2]:10250");
    }

    @Test
    void aNodeWithoutPortOrAddressHasNoAgent() {
        assertThat(NodeLocator.target(json(node(0).editStatus().addNewAddress().withType("InternalIP")
            .withAddress("10.200.0.2").endAddress().endStatus().build()))).isEqualTo(Optional.empty());
        assertThat(NodeLocator.target(json(node(10250).build()))).isEqualTo(Optional.empty());
    }

    @ParameterizedTest(name = "{0} of [{1}] -> {2}")
    @CsvSource(delimiter = '|', value = {
        "''|app|app",
        "app|app|app",
        "init|app|init",
        "''|app,side|a container name must be specified for pod p, choose one of: [app, side]",
        "other|app|container other is not valid for pod p",
    })
    void containerIsTheNamedOneOrTheOnlyOne(String requested, String containers, String expected) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
            .addNewInitContainer().withName("init").endInitContainer().endSpec();
        for (String name : containers.split(",")) {
            pod.editSpec().addNewContainer().withName(name).endContainer().endSpec();
        }
        NodeTarget target = new NodeTarget("n1", "10.200.0.2", 10250, json(pod.build()));
        if (expected.contains(" ")) {
            assertThatThrownBy(() -> NodeLocator.container(target, requested)).isInstanceOf(ApiException.class)
                .hasMessageContaining(expected);
        } else {
            assertThat(NodeLocator.container(target, requested)).isEqualTo(expected);
        }
    }

    private static NodeBuilder node(int port) {
        return new NodeBuilder().withNewMetadata().withName("n1").endMetadata().withNewStatus()
            .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(port).endKubeletEndpoint()
            .endDaemonEndpoints().endStatus();
    }

    private static JsonNode json(Object object) {
        return JSON.valueToTree(object);
    }
}
