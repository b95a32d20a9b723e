package dev.keel.proxy.agent;

import static dev.keel.proxy.testing.Objects.endpoint;
import static dev.keel.proxy.testing.Objects.service;
import static dev.keel.proxy.testing.Objects.slice;
import static dev.keel.proxy.testing.Objects.withEndpoints;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.proxy.ProxyAgentApplication;
import dev.keel.proxy.testing.TestNetwork;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole agent against a real platform-api: a Service and an EndpointSlice created through the API become
 * rules in a node namespace of the test's own, and a change to the slice reaches the rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProxyAgentApiTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private TestNetwork network;
    private KubernetesClient client;

    @BeforeAll
    void start() throws Exception {
        network = TestNetwork.create("pod-a", "pod-b");
        network.awaitServers(2);
        PlatformApiServer api = PlatformApiServer.shared();
        Config config = Config.fromKubeconfig(Files.readString(api.kubeconfig()));
        config.setOnlyHttpWatches(true);
        client = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterAll
    void stop() {
        if (client != null) {
            client.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void servicesAndSlicesFromTheApiBecomeRules(String mode) throws Exception {
        String namespace = "proxy-" + mode;
        String clusterIp = mode.equals("iptables") ? "10.96.200.10" : "10.96.200.11";
        String url = "http://" + clusterIp + ":80/";
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).serverSideApply();
        Service web = client.services().inNamespace(namespace)
                .resource(service(namespace, "web", clusterIp, new IntOrString("http")).build()).create();

        try (ConfigurableApplicationContext agent = startAgent(mode)) {
            client.resources(EndpointSlice.class).inNamespace(namespace).resource(withEndpoints(
                    slice(web, "web-1", 80), endpoint("10.244.1.2", true, true, false),
                    endpoint("10.244.1.3", true, true, false))).create();
            awaitAnswers(url, answers -> answers.containsAll(Set.of("pod-a", "pod-b")));

            client.resources(EndpointSlice.class).inNamespace(namespace).resource(withEndpoints(
                    slice(web, "web-1", 80), endpoint("10.244.1.2", true, true, false),
                    endpoint("10.244.1.3", false, false, false))).update();
            awaitAnswers(url, answers -> answers.equals(Set.of("pod-a")));
            assertThat(network.request(url, 30)).containsOnly("pod-a");

            MeterRegistry registry = agent.getBean(MeterRegistry.class);
            // A full sync at start; the endpoint changes after it are partial ones.
            assertThat(registry.get("keel.proxy.sync.duration").tag("scope", "full").timer().count()).isPositive();
            assertThat(registry.get("keel.proxy.sync.duration").tag("scope", "partial").timer().count())
                    .isPositive();
            assertThat(registry.get("keel.proxy.last.sync.time").gauge().value()).isPositive();
        } finally {
            client.namespaces().withName(namespace).delete();
        }
    }

    private ConfigurableApplicationContext startAgent(String mode) {
        PlatformApiServer api = PlatformApiServer.shared();
        return new SpringApplicationBuilder(ProxyAgentApplication.class).run(
                // platform-api's application.yml (TLS for its own server) is on this classpath too.
                "--spring.main.web-application-type=none",
                "--spring.jmx.enabled=false",
                "--keel.client.kubeconfig=" + api.kubeconfig(),
                "--keel.proxy.mode=" + mode,
                "--keel.proxy.command-prefix=" + String.join(",", network.nodeRunner().prefix()),
                "--keel.proxy.service-bridge=svc0",
                "--keel.proxy.min-sync-interval=200ms");
    }

    /** Requests until the set of pods answering in a round satisfies {@code done}; fails after a while. */
    private void awaitAnswers(String url, Predicate<Set<String>> done) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Set<String> answers = Set.of();
        while (System.nanoTime() < deadline) {
            answers = new HashSet<>(network.request(url, 4));
            if (done.test(answers)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("answers from " + url + " were still " + answers + " after " + PATIENCE);
    }
}
