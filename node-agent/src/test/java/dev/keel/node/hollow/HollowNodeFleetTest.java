package dev.keel.node.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.NodeAgentApplication;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The node-agent application in hollow mode: one process registers many nodes and runs their pods. */
class HollowNodeFleetTest {

    private static final int NODES = 25;
    private static final String PREFIX = "fleet-";

    private static KubernetesClient client;
    private static ConfigurableApplicationContext agent;

    @BeforeAll
    static void startFleet() throws Exception {
        PlatformApiServer api = PlatformApiServer.shared();
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(api.kubeconfig())))
            .build();
        agent = new SpringApplicationBuilder(NodeAgentApplication.class).run(
            "--spring.main.web-application-type=none",
            "--spring.jmx.enabled=false",
            "--keel.client.kubeconfig=" + api.kubeconfig(),
            "--keel.node.hollow.count=" + NODES,
            "--keel.node.hollow.name-prefix=" + PREFIX,
            "--keel.node.hollow.pod-cidr-range=100.70.0.0/16",
            "--keel.node.capacity.cpu=8",
            "--keel.node.capacity.memory=16Gi",
            "--keel.node.heartbeat-period=1s",
            "--keel.node.pod-resync-period=500ms",
            "--keel.node.log-directory=" + Files.createTempDirectory("keel-hollow-logs-"),
            "--keel.node.root-directory=" + Files.createTempDirectory("keel-hollow-root-"));
    }

    @AfterAll
    static void stopFleet() {
        agent.close();
        client.close();
    }

    @Test
    void everyHollowNodeIsRegisteredReadyWithItsOwnPodRange() {
        assertThat(agent.getBean(HollowNodeFleet.class).size()).isEqualTo(NODES);
        List<Node> nodes = client.nodes().list().getItems().stream()
            .filter(node -> node.getMetadata().getName().startsWith(PREFIX)).toList();
        assertThat(nodes).hasSize(NODES);
        assertThat(nodes).extracting(node -> node.getSpec().getPodCIDR()).doesNotHaveDuplicates()
            .allMatch(cidr -> cidr.startsWith("100.70.") && cidr.endsWith(".0/24"));
        assertThat(client.nodes().withName(PREFIX + "17").get().getSpec().getPodCIDR()).isEqualTo("100.70.16.0/24");
        assertThat(nodes).allSatisfy(node -> {
            assertThat(node.getStatus().getCapacity().get("cpu").toString()).isEqualTo("8");
            assertThat(node.getStatus().getConditions()).anySatisfy(condition -> {
                assertThat(condition.getType()).isEqualTo("Ready");
                assertThat(condition.getStatus()).isEqualTo("True");
            });
        });
    }

    @Test
    void everyHollowNodeRenewsItsLease() {
        String before = client.leases().inNamespace("kube-node-lease").withName(PREFIX + NODES).get().getSpec()
            .getRenewTime().toString();
        await().atMost(Duration.ofSeconds(20)).until(() -> !client.leases().inNamespace("kube-node-lease")
            .withName(PREFIX + NODES).get().getSpec().getRenewTime().toString().equals(before));
    }

    @Test
    void aPodBoundToAHollowNodeRunsThereWithAnAddressFromItsRange() {
        Pod pod = new PodBuilder().withNewMetadata().withName("on-fleet-9").withNamespace("default").endMetadata()
            .withNewSpec().withNodeName(PREFIX + "9")
            .addNewContainer().withName("app").withImage("localhost:5000/busybox:1.35").endContainer()
            .endSpec().build();
        client.resource(pod).create();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Pod current = client.pods().inNamespace("default").withName("on-fleet-9").get();
                assertThat(current.getStatus().getPhase()).isEqualTo("Running");
                assertThat(current.getStatus().getPodIP()).startsWith("100.70.8.");
            });
        } finally {
            client.pods().inNamespace("default").withName("on-fleet-9").withGracePeriod(0).delete();
        }
    }
}
