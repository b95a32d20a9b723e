package dev.keel.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.runtime.client.KubernetesClientProperties;
import dev.keel.runtime.client.KubernetesClients;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import dev.keel.runtime.reconcile.TerminalReconcileException;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Controllers against a real platform-api: informer events become reconcile passes with the runtime's guarantees. */
class ControllerTest {

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
        namespace = "rt-" + UUID.randomUUID().toString().substring(0, 8);
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
    void everyCachedObjectIsReconciledAtStartAndEveryChangeAfter() throws Exception {
        configMap("before");
        List<Request> seen = new CopyOnWriteArrayList<>();
        controller = Controller.builder("configmaps", request -> {
            seen.add(request);
            return Result.done();
        }).watch(informers.informer(ConfigMap.class), EventSource.self()).build();
        informers.start();
        controller.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(new Request(namespace, "before")));
        configMap("after");
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(new Request(namespace, "after")));
        client.configMaps().inNamespace(namespace).withName("after").delete();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().filter(new Request(namespace, "after")::equals).count() >= 2);
    }

    @Test
    void aFailingKeyIsRetriedWithBackOffUntilItSucceeds() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        controller = Controller.builder("flaky", request -> {
            if (!request.name().equals("flaky")) {
                return Result.done();
            }
            if (attempts.incrementAndGet() < 4) {
                throw new IllegalStateException("not yet");
            }
            return Result.done();
        }).watch(informers.informer(ConfigMap.class), EventSource.self()).build();
        informers.start();
        controller.start();
        configMap("flaky");
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 4);
        Thread.sleep(300);
        assertThat(attempts.get()).as("no retries after success").isEqualTo(4);
    }

    @Test
    void aTerminalFailureIsNotRetried() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        controller = Controller.builder("terminal", request -> {
            if (request.name().equals("broken")) {
                attempts.incrementAndGet();
                throw new TerminalReconcileException("spec cannot be satisfied");
            }
            return Result.done();
        }).watch(informers.informer(ConfigMap.class), EventSource.self()).build();
        informers.start();
        controller.start();
        configMap("broken");
        await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() == 1);
        Thread.sleep(500);
        assertThat(attempts.get()).isEqualTo(1);
    }

    @Test
    void aRequeueAfterBringsTheKeyBack() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        controller = Controller.builder("periodic", request -> {
            if (request.name().equals("tick") && passes.incrementAndGet() < 3) {
                return Result.requeueAfter(Duration.ofMillis(100));
            }
            return Result.done();
        }).watch(informers.informer(ConfigMap.class), EventSource.self()).build();
        informers.start();
        controller.start();
        configMap("tick");
        await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() == 3);
    }

    @Test
    void ownedObjectsWakeTheirControllingOwner() throws Exception {
        ConfigMap owner = configMap("owner");
        List<Request> seen = new CopyOnWriteArrayList<>();
        controller = Controller.builder("owners", request -> {
            seen.add(request);
            return Result.done();
        }).watch(informers.informer(Secret.class), EventSource.controllerOwner("ConfigMap")).build();
        informers.start();
        controller.start();
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("owned")
                .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName("owner")
                .withUid(owner.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata().build()).create();
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(new Request(namespace, "owner")));
        assertThat(seen).doesNotContain(new Request(namespace, "owned"));
        await().atMost(Duration.ofSeconds(10)).until(() -> informers.ownedBy(Secret.class, owner.getMetadata().getUid()).size() == 1);
    }

    @Test
    void oneKeyIsNeverReconciledByTwoWorkersAtOnce() throws Exception {
        Map<Request, AtomicInteger> inFlight = new ConcurrentHashMap<>();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger passes = new AtomicInteger();
        controller = Controller.builder("exclusive", request -> {
            if (inFlight.computeIfAbsent(request, key -> new AtomicInteger()).incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            Thread.sleep(20);
            inFlight.get(request).decrementAndGet();
            passes.incrementAndGet();
            return Result.done();
        }).workers(4).meterRegistry(new SimpleMeterRegistry())
                .watch(informers.informer(ConfigMap.class), EventSource.self()).build();
        informers.start();
        controller.start();
        configMap("busy");
        for (int i = 0; i < 20; i++) {
            int value = i;
            client.configMaps().inNamespace(namespace).withName("busy").edit(c -> {
                c.getData().put("v", String.valueOf(value));
                return c;
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> passes.get() >= 2);
        assertThat(overlaps.get()).isZero();
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
