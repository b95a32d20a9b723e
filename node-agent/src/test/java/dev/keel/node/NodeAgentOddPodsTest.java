package dev.keel.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.node.probe.Prober;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import dev.keel.runtime.client.KubernetesClients;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pods Kubernetes accepts but that stopped informers (1 MiB commands, non-ASCII text, control characters, null label
 * values), bound to a simulated node, stream past its agent, which keeps running new pods. No network namespace:
 * the simulated runtime only pretends.
 */
class NodeAgentOddPodsTest {

    private static final String NODE = "hollow-odd";

    private static KubernetesClient client;
    private static NodeAgent agent;
    private static String namespace;

    @BeforeAll
    static void startAgent() throws Exception {
        client = KubernetesClients.fromKubeconfig(PlatformApiServer.shared().kubeconfig());
        namespace = "odd-node-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        NodeAgentProperties properties = new NodeAgentProperties();
        properties.setName(NODE);
        properties.setPodCidr("10.244.9.0/24");
        properties.getInternalIps().add("10.200.0.9");
        properties.setHeartbeatPeriod(Duration.ofSeconds(1));
        properties.setPodResyncPeriod(Duration.ofMillis(500));
        properties.setLogDirectory(Files.createTempDirectory("keel-node-logs-"));
        properties.setRootDirectory(Files.createTempDirectory("keel-node-root-"));
        Clock clock = Clock.systemUTC();
        SimulatedRuntime runtime = new SimulatedRuntime(clock,
                new SimulatedBehaviour(Set.of(), container -> Optional.empty(), (container, command) -> 0),
                properties.getPodCidr());
        agent = new NodeAgent(client, runtime, new Prober(runtime, false), properties, clock);
        agent.start();
    }

    @AfterAll
    static void stopAgent() {
        agent.close();
        client.pods().inNamespace(namespace).withGracePeriod(0).delete();
        client.nodes().withName(NODE).delete();
        client.close();
    }

    @Test
    void oddPodsStreamPastTheAgentWhichKeepsRunningNewOnes() {
        Pod big = pod("big-command");
        big.getSpec().getContainers().get(0).setCommand(List.of("sh", "-c", "x".repeat(1_000_000)));
        create(big);
        Pod text = pod("odd-text");
        text.getSpec().getContainers().get(0).setCommand(List.of("\u0000", "é中😀\u0001 ".repeat(30_000)));
        text.getMetadata().setAnnotations(Map.of("note", "\u0000 ü".repeat(50_000)));
        create(text);
        Pod nullLabel = pod("null-label");
        Map<String, String> labels = new HashMap<>();
        labels.put("app", null);
        nullLabel.getMetadata().setLabels(labels);
        create(nullLabel);

        create(pod("good"));
        await("the good pod runs").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(client.pods().inNamespace(namespace).withName("good").get().getStatus().getPhase())
                        .isEqualTo("Running"));
        await("the odd text pod runs, its command intact").atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(client.pods().inNamespace(namespace).withName("odd-text").get().getStatus().getPhase())
                        .isEqualTo("Running"));
    }

    private static Pod pod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName(NODE)
                .addNewContainer().withName("main").withImage("localhost:5000/busybox:1.35")
                .withCommand("sleep", "3600").endContainer()
                .endSpec().build();
    }

    private static void create(Pod pod) {
        client.pods().inNamespace(namespace).resource(pod).create();
    }
}
