package dev.keel.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.runtime.client.KubernetesClients;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Objects Kubernetes accepts (values of 1 MiB, non-ASCII text, control characters) stream past informers over a
 * real platform-api, and the informers keep running and keep seeing new objects.
 */
class InformerRobustnessTest {

    private static KubernetesClient client;

    @BeforeAll
    static void connect() {
        client = KubernetesClients.fromKubeconfig(PlatformApiServer.shared().kubeconfig());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    /** Values the fuzz run stored; non-ASCII ones broke fabric8's HTTP watch stream (U+0000 filler). */
    static Map<String, String> oddValues() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ascii-1mib", "x".repeat(1_000_000));
        values.put("control", "\u0000ctl\u0001\u001f\u007f");
        values.put("accents", "é".repeat(300_000));
        values.put("short-accent", "é");
        values.put("mixed", ("中文 😀 \u0000 é ").repeat(20_000));
        return values;
    }

    @Test
    void oddObjectsStreamPastAnInformerWhichKeepsSeeingNewOnesIntact() {
        String namespace = namespace();
        Informers informers = new Informers(client, Duration.ZERO);
        try {
            SharedIndexInformer<ConfigMap> informer = informers.informer(ConfigMap.class);
            informers.start();
            await().atMost(Duration.ofSeconds(30)).until(informer::hasSynced);
            oddValues().forEach((name, value) -> {
                create(namespace, name, value);
                String after = name + "-after";
                create(namespace, after, "ok");
                await(after + " seen after " + name).atMost(Duration.ofSeconds(30))
                        .until(() -> informer.getStore().getByKey(namespace + "/" + after) != null);
                assertThat(informer.getStore().getByKey(namespace + "/" + name).getData().get("v"))
                        .as("%s cached exactly", name).isEqualTo(value);
            });
            assertThat(informer.isRunning()).isTrue();
        } finally {
            informers.close();
        }
    }

    @Test
    void aWatchThatFailsIsReestablishedFromAFreshList() throws Exception {
        // fabric8's own client, without the ASCII interceptor: its watch breaks on the non-ASCII event.
        Config config = Config.fromKubeconfig(Files.readString(PlatformApiServer.shared().kubeconfig()));
        config.setOnlyHttpWatches(true);
        config.setWatchReconnectInterval(200);
        String namespace = namespace();
        try (KubernetesClient plain = new KubernetesClientBuilder().withConfig(config).build()) {
            SharedIndexInformer<ConfigMap> informer = plain.configMaps().inNamespace(namespace).runnableInformer(0);
            informer.exceptionHandler(new InformerRetries("ConfigMap"));
            informer.start();
            await().atMost(Duration.ofSeconds(30)).until(informer::hasSynced);
            create(namespace, "accents", "é".repeat(300_000));
            create(namespace, "after", "ok");
            await().atMost(Duration.ofSeconds(30)).until(() -> informer.getStore().getByKey(namespace + "/after") != null
                    && informer.getStore().getByKey(namespace + "/accents") != null);
            create(namespace, "later", "ok");
            await().atMost(Duration.ofSeconds(30)).until(() -> informer.getStore().getByKey(namespace + "/later") != null);
            assertThat(informer.isRunning()).isTrue();
            informer.close();
        }
    }

    @Test
    void theKeyOfAnUndecodableEventIsReadLeniently() {
        assertThat(InformerRetries.objectKey("{\"type\":\"ADDED\",\"object\":{\"kind\":\"ConfigMap\",\"metadata\":"
                + "{\"name\":\"bad\",\"namespace\":\"ns\",\"ownerReferences\":[]},\"data\":{\"v\":\"\u0000\"}}"))
                .isEqualTo("ns/bad");
        assertThat(InformerRetries.objectKey("\u0000\u0000 not json")).isEqualTo("unknown");
    }

    private static String namespace() {
        String namespace = "odd-" + UUID.randomUUID().toString().substring(0, 8);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
                .create();
        return namespace;
    }

    private static void create(String namespace, String name, String value) {
        client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder().withNewMetadata().withName(name)
                .endMetadata().addToData("v", value).build()).create();
    }
}
