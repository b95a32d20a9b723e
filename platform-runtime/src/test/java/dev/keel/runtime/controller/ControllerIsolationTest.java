package dev.keel.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.runtime.client.KubernetesClientProperties;
import dev.keel.runtime.client.KubernetesClients;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One bad object, or a hundred, cost their own keys only: the controller keeps converging the others. */
class ControllerIsolationTest {

    private static KubernetesClient client;
    private Informers informers;
    private String namespace;
    private Controller controller;

    @BeforeAll
    static void connect() {
        client = KubernetesClients.fromKubeconfig(PlatformApiServer.shared().kubeconfig());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void namespace() {
        namespace = "iso-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        informers = new Informers(client, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.stop();
        }
        informers.close();
    }

    @Test
    void anEventSourceThatThrowsForOneObjectStopsNeitherTheStartNorTheOthers() throws Exception {
        configMap("poison");
        configMap("before");
        Set<Request> seen = ConcurrentHashMap.newKeySet();
        EventSource<ConfigMap> self = EventSource.self();
        controller = Controller.builder("poisoned", request -> {
            seen.add(request);
            return Result.done();
        }).watch(informers.informer(ConfigMap.class), object -> {
            if (object.getMetadata().getName().startsWith("poison")) {
                throw new NullPointerException("a null where Kubernetes has a value");
            }
            return self.keys(object);
        }).build();
        informers.start();
        controller.start();
        assertThat(controller.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(new Request(namespace, "before")));
        configMap("poison-2");
        configMap("after");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(new Request(namespace, "after")));
        assertThat(controller.isRunning()).isTrue();
    }

    /**
     * The broken objects' reconciles fail on a call to a server that is gone: fabric8's default retries held each
     * worker about 20 s per call, so a new object waited behind every broken one. Failing keys must wait in the
     * rate-limited queue instead.
     */
    @Test
    void aHundredFailingObjectsDoNotHoldUpAGoodOne() throws Exception {
        try (KubernetesClient gone = KubernetesClients.create(unreachable())) {
            AtomicInteger failures = new AtomicInteger();
            Set<String> converged = ConcurrentHashMap.newKeySet();
            controller = Controller.builder("hundred-broken", request -> {
                if (request.name().startsWith("broken-")) {
                    failures.incrementAndGet();
                    gone.configMaps().inNamespace(request.namespace()).withName(request.name()).get();
                    throw new IllegalStateException("unreachable answered");
                }
                converged.add(request.name());
                return Result.done();
            }).workers(2).watch(informers.informer(ConfigMap.class), EventSource.self()).build();
            informers.start();
            controller.start();
            for (int i = 0; i < 100; i++) {
                configMap("broken-" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> failures.get() >= 20);
            configMap("good");
            await().atMost(Duration.ofSeconds(30)).until(() -> converged.contains("good"));
            assertThat(controller.isRunning()).isTrue();
        }
    }

    /** A client for a loopback port nobody listens on any more. */
    private static KubernetesClientProperties unreachable() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        KubernetesClientProperties properties = new KubernetesClientProperties();
        properties.setUrl("http://127.0.0.1:" + port);
        return properties;
    }

    private ConfigMap configMap(String name) {
        return client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName(name).endMetadata().addToData("v", "0").build()).create();
    }

}
