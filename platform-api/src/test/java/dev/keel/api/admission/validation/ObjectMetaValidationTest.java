package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Fixtures.meta;
import static dev.keel.api.admission.Fixtures.pod;
import static dev.keel.api.admission.Fixtures.service;
import static dev.keel.api.admission.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectMetaValidationTest {

    private static final String SUBDOMAIN_RULE = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
            + "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private static final String LABEL_RULE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
            + "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
            + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    private static ConfigMap configMap(Map<String, String> labels, Map<String, String> annotations) {
        ConfigMap configMap = new ConfigMap();
        configMap.setMetadata(meta("settings"));
        configMap.getMetadata().setLabels(labels);
        configMap.getMetadata().setAnnotations(annotations);
        return configMap;
    }

    private static Namespace namespace(String name) {
        Namespace namespace = new Namespace();
        namespace.setMetadata(meta(name));
        namespace.getMetadata().setNamespace(null);
        return namespace;
    }

    static Stream<Arguments> metadata() {
        return Stream.of(
                arguments("pod names are subdomains", (Supplier<HasMetadata>) () -> pod().name("web.v1").container("web", "nginx").build(),
                        List.of()),
                arguments("upper case pod name", (Supplier<HasMetadata>) () -> pod().name("Web").container("web", "nginx").build(),
                        List.of("metadata.name: Invalid value: \"Web\": " + SUBDOMAIN_RULE)),
                arguments("service names start with a letter", (Supplier<HasMetadata>) () -> service("1web").port("http", 80).build(),
                        List.of("metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric "
                                + "characters or '-', start with an alphabetic character, and end with an alphanumeric character "
                                + "(e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
                arguments("namespace names are labels", (Supplier<HasMetadata>) () -> namespace("team.a"),
                        List.of("metadata.name: Invalid value: \"team.a\": " + LABEL_RULE)),
                arguments("stateful set names are labels", (Supplier<HasMetadata>) () -> workload().name("db.v1").statefulSet(),
                        List.of("metadata.name: Invalid value: \"db.v1\": " + LABEL_RULE)),
                arguments("bad label key", (Supplier<HasMetadata>) () -> configMap(Map.of("-tier", "web"), null),
                        List.of("metadata.labels: Invalid value: \"-tier\": name part must consist of alphanumeric characters, "
                                + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or "
                                + "'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                arguments("long label value", (Supplier<HasMetadata>) () -> configMap(Map.of("tier", "w".repeat(64)), null),
                        List.of("metadata.labels: Invalid value: \"" + "w".repeat(64) + "\": must be no more than 63 characters")),
                arguments("annotations over 256 KiB", (Supplier<HasMetadata>) () -> configMap(null, Map.of("note", "x".repeat(262_141))),
                        List.of("metadata.annotations: Too long: may not be more than 262144 bytes")),
                arguments("namespaced kind without namespace", (Supplier<HasMetadata>) () -> {
                    Pod pod = pod().container("web", "nginx").build();
                    pod.getMetadata().setNamespace(null);
                    return pod;
                }, List.of("metadata.namespace: Required value")),
                arguments("cluster-scoped kind with a namespace", (Supplier<HasMetadata>) () -> {
                    Node node = new Node();
                    node.setMetadata(meta("node-1"));
                    return node;
                }, List.of("metadata.namespace: Forbidden: not allowed on this type")),
                arguments("unqualified finalizer", (Supplier<HasMetadata>) () -> {
                    ConfigMap configMap = configMap(null, null);
                    configMap.getMetadata().setFinalizers(List.of("cleanup", "example.com/cleanup", "kubernetes"));
                    return configMap;
                }, List.of("metadata.finalizers[0]: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is "
                        + "it fully qualified")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("metadata")
    void checksMetadataAsKubernetesDoes(String title, Supplier<HasMetadata> object, List<String> expected) {
        assertThat(Plugins.admit(Requests.create(object.get()))).containsExactlyElementsOf(expected);
    }

    @Test
    void checksTheGenerateNamePrefix() {
        Pod pod = pod().name("web-x7k2q").container("web", "nginx").build();
        pod.getMetadata().setGenerateName("web-");
        Pod bad = pod().name("web-x7k2q").container("web", "nginx").build();
        bad.getMetadata().setGenerateName("Web_");

        assertThat(Plugins.admit(Requests.create(pod))).isEmpty();
        assertThat(Plugins.admit(Requests.create(bad))).containsExactly("metadata.generateName: Invalid value: \"Web_\": " + SUBDOMAIN_RULE);
    }

    @Test
    void noFinalizersMayBeAddedWhileDeleting() {
        ConfigMap old = configMap(null, null);
        old.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        ConfigMap updated = configMap(null, null);
        updated.getMetadata().setDeletionTimestamp("2026-01-01T00:00:00Z");
        updated.getMetadata().setFinalizers(List.of("example.com/hold"));

        assertThat(Plugins.admit(Requests.update(updated, old))).containsExactly("metadata.finalizers: Forbidden: no new "
                + "finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/hold\"}");
    }
}
