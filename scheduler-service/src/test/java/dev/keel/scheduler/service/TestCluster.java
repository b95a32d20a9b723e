package dev.keel.scheduler.service;

import dev.keel.api.testing.PlatformApiServer;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** The suite's platform-api, a client to it, and the nodes and namespaces a test made (removed by {@link #cleanUp}). */
final class TestCluster {

    final PlatformApiServer api = PlatformApiServer.shared();
    final KubernetesClient client;
    private final List<String> nodes = new ArrayList<>();
    private final List<String> namespaces = new ArrayList<>();
    private final List<String> priorityClasses = new ArrayList<>();

    TestCluster() {
        try {
            Config config = Config.fromKubeconfig(Files.readString(api.kubeconfig()));
            config.setOnlyHttpWatches(true);
            client = new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates the node, then writes its status (capacity, allocatable, images) through the status subresource. */
    Node node(Node node) {
        Node created = client.nodes().resource(node).create();
        created.setStatus(node.getStatus());
        nodes.add(node.getMetadata().getName());
        return client.nodes().resource(created).updateStatus();
    }

    void priorityClass(String name, int value) {
        client.resource(new PriorityClassBuilder().withNewMetadata().withName(name).endMetadata().withValue(value).build()).create();
        priorityClasses.add(name);
    }

    String namespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        namespaces.add(name);
        return name;
    }

    Pod pod(String namespace, Pod pod) {
        pod.getMetadata().setNamespace(namespace);
        pod.getMetadata().setUid(null);
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    Pod get(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).get();
    }

    List<Event> events(String namespace, String reason) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(event -> reason.equals(event.getReason())).toList();
    }

    void cleanUp() {
        for (String namespace : namespaces) {
            client.pods().inNamespace(namespace).withGracePeriod(0).delete();
            client.namespaces().withName(namespace).delete();
        }
        for (String node : nodes) {
            client.nodes().withName(node).delete();
        }
        for (String priorityClass : priorityClasses) {
            client.resources(PriorityClass.class).withName(priorityClass).delete();
        }
        priorityClasses.clear();
        namespaces.clear();
        nodes.clear();
    }
}
