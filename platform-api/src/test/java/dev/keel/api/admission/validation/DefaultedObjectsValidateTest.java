package dev.keel.api.admission.validation;

import static dev.keel.api.admission.Fixtures.meta;
import static dev.keel.api.admission.Fixtures.pod;
import static dev.keel.api.admission.Fixtures.service;
import static dev.keel.api.admission.Fixtures.workload;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.admission.Plugins;
import dev.keel.api.admission.Requests;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What defaulting produces from a minimal manifest must pass validation: the two halves agree. */
class DefaultedObjectsValidateTest {

    static Stream<Supplier<HasMetadata>> minimalObjects() {
        return Stream.of(
                () -> pod().container("web", "nginx").port(80).build(),
                () -> workload().deployment(),
                () -> workload().replicaSet(),
                () -> workload().daemonSet(),
                () -> workload().statefulSet(),
                () -> workload().job(),
                () -> service("web").port("http", 80).build(),
                () -> service("web").type("NodePort").port("http", 80).build(),
                () -> service("web").type("ExternalName").spec(s -> s.setExternalName("example.com")).build(),
                () -> {
                    ConfigMap configMap = new ConfigMap();
                    configMap.setMetadata(meta("settings"));
                    return configMap;
                },
                () -> {
                    Secret secret = new Secret();
                    secret.setMetadata(meta("creds"));
                    return secret;
                },
                () -> {
                    Namespace namespace = new Namespace();
                    namespace.setMetadata(meta("team-a"));
                    namespace.getMetadata().setNamespace(null);
                    namespace.setSpec(new NamespaceSpec(List.of("kubernetes")));
                    return namespace;
                },
                () -> {
                    Lease lease = new Lease();
                    lease.setMetadata(meta("leader"));
                    LeaseSpec spec = new LeaseSpec();
                    spec.setLeaseDurationSeconds(15);
                    lease.setSpec(spec);
                    return lease;
                });
    }

    @ParameterizedTest
    @MethodSource("minimalObjects")
    void defaultedObjectsAreValid(Supplier<HasMetadata> object) {
        HasMetadata created = object.get();
        assertThat(Plugins.admit(Requests.create(created))).as(created.getKind()).isEmpty();
    }
}
