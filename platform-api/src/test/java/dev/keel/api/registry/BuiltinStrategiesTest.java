package dev.keel.api.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the built-in kinds add to their defaults, as ObjectPreparation and FieldSelector used to switch on. */
class BuiltinStrategiesTest {

    private static final ResourceRegistry BUILTIN = BuiltinResources.registry();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static KindStrategy of(String group, String resource) {
        ResourceType type = BUILTIN.find(group, group.isEmpty() ? "v1" : BUILTIN.versions(group).get(0), resource).orElseThrow();
        return BuiltinStrategies.of(type, Map.of());
    }

    private static ObjectNode created(KindStrategy strategy, String json) throws Exception {
        ObjectNode object = (ObjectNode) JSON.readTree(json);
        strategy.prepareForCreate(object);
        return object;
    }

    @Test
    void everyServedResourceHasOneStrategy() {
        long resources = BUILTIN.all().stream().map(type -> KindStrategy.key(type.group(), type.plural())).distinct().count();

        assertThat(BuiltinStrategies.of(BUILTIN, java.util.List.of())).hasSize((int) resources);
    }

    @Test
    void newPodsClaimsAndNamespacesGetTheirInitialStatus() throws Exception {
        assertThat(created(of("", "pods"), "{}").path("status").path("phase").asText()).isEqualTo("Pending");
        assertThat(created(of("", "persistentvolumeclaims"), "{}").path("status").path("phase").asText()).isEqualTo("Pending");
        ObjectNode namespace = created(of("", "namespaces"), "{}");
        assertThat(namespace.path("status").path("phase").asText()).isEqualTo("Active");
        assertThat(namespace.path("spec").path("finalizers").toString()).isEqualTo("[\"kubernetes\"]");
        assertThat(created(of("", "namespaces"), "{\"spec\":{\"finalizers\":[]}}").path("spec").path("finalizers").size())
                .isZero();
        assertThat(created(of("", "configmaps"), "{}").has("status")).isFalse();
    }

    @Test
    void subresourceWritesAreTheKindsOwn() {
        assertThat(of("", "pods").subresourceWrite("ephemeralcontainers")).isPresent();
        assertThat(of("", "pods").subresourceWrite("binding")).contains(SubresourceWrite.WHOLE_OBJECT);
        assertThat(of("", "namespaces").subresourceWrite("finalize")).isPresent();
        assertThat(of("", "namespaces").subresourceWrite("status")).contains(SubresourceWrite.STATUS);
        assertThat(of("", "configmaps").subresourceWrite("finalize")).isEmpty();
        assertThat(of("", "pods").subresourceWrite(null)).isEmpty();
    }

    @Test
    void scalableWorkloadsScaleThroughSpecReplicas() throws Exception {
        for (String resource : new String[] {"deployments", "replicasets", "statefulsets"}) {
            assertThat(of("apps", resource).scale()).as(resource).contains(BuiltinScale.INSTANCE);
        }
        assertThat(of("", "replicationcontrollers").scale()).contains(BuiltinScale.INSTANCE);
        assertThat(of("apps", "daemonsets").scale()).isEmpty();

        ObjectNode deployment = (ObjectNode) JSON.readTree("{\"metadata\":{\"name\":\"web\",\"namespace\":\"ns\"},"
                + "\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"web\"}}},\"status\":{\"replicas\":1}}");
        ObjectNode scale = BuiltinScale.INSTANCE.toScale(deployment);
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(scale.path("status").path("replicas").asInt()).isEqualTo(1);
        assertThat(scale.path("status").path("selector").asText()).isEqualTo("app=web");
        assertThat(BuiltinScale.INSTANCE.withReplicas(deployment, 5).path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void selectableFieldsAreThoseOfKubernetes() {
        assertThat(of("", "pods").selectableFields()).contains("spec.nodeName", "status.phase", "metadata.name");
        assertThat(of("", "secrets").selectableFields()).contains("type");
        assertThat(of("", "nodes").selectableFields()).contains("spec.unschedulable");
        assertThat(of("batch", "jobs").selectableFields()).contains("status.successful");
        assertThat(of("", "events").selectableFields()).contains("involvedObject.name", "reason");
        assertThat(of("", "configmaps").selectableFields()).containsExactlyInAnyOrder("metadata.name", "metadata.namespace");
    }

    @Test
    void podsOnANodeAreDeletedGracefullyAndNamespacesWaitForTheirFinalizers() throws Exception {
        DeletionRule pods = of("", "pods").deletion();
        ObjectNode running = (ObjectNode) JSON.readTree("{\"spec\":{\"nodeName\":\"n1\",\"terminationGracePeriodSeconds\":5},"
                + "\"status\":{\"phase\":\"Running\"}}");
        assertThat(pods.gracePeriodSeconds(running, null)).isEqualTo(5);
        assertThat(pods.gracePeriodSeconds(running, 0L)).isZero();
        assertThat(pods.gracePeriodSeconds(JSON.readTree("{\"spec\":{}}"), 10L)).isZero();
        assertThat(pods.gracePeriodSeconds(JSON.readTree("{\"spec\":{\"nodeName\":\"n1\"}}"), null)).isEqualTo(30);
        running.withObjectProperty("metadata").put("deletionGracePeriodSeconds", 5);
        assertThat(pods.awaitsConfirmation(running)).isTrue();
        assertThat(of("", "pods").returnsDeletedObject()).isTrue();

        DeletionRule namespaces = of("", "namespaces").deletion();
        ObjectNode namespace = created(of("", "namespaces"), "{}");
        assertThat(namespaces.heldBySpec(namespace)).isTrue();
        namespaces.deletionStarted(namespace);
        assertThat(namespace.path("status").path("phase").asText()).isEqualTo("Terminating");
        assertThat(of("", "namespaces").returnsDeletedObject()).isFalse();

        assertThat(of("", "configmaps").deletion()).isSameAs(DeletionRule.IMMEDIATE);
        assertThat(DeletionRule.IMMEDIATE.gracePeriodSeconds(running, 30L)).isZero();
    }
}
