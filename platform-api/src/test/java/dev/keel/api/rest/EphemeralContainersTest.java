package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code pods/ephemeralcontainers}, as kube-apiserver serves it to {@code kubectl debug}. */
class EphemeralContainersTest extends ApiServerTest {

    private static final String STRATEGIC = "application/strategic-merge-patch+json";
    private static final String DEBUGGER = """
            {"spec":{"ephemeralContainers":[{"name":"debugger","image":"busybox","command":["ps"],
             "targetContainerName":"app","resources":{},"terminationMessagePolicy":"File"}]}}""";

    private String ns;
    private String pod;

    @BeforeEach
    void podWithTwoContainers() {
        ns = createNamespace("ephemeral");
        Response created = api().post("/api/v1/namespaces/" + ns + "/pods", """
                {"metadata":{"name":"p","labels":{"app":"p"}},"spec":{"initContainers":[{"name":"setup","image":"i"}],
                 "containers":[{"name":"app","image":"i"},{"name":"side","image":"i"}]}}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        pod = "/api/v1/namespaces/" + ns + "/pods/p";
    }

    @Test
    void aStrategicPatchAddsAnEphemeralContainerWithDefaults() {
        Response patched = api().patch(pod + "/ephemeralcontainers", STRATEGIC, DEBUGGER);

        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("kind").asText()).isEqualTo("Pod");
        JsonNode stored = api().get(pod).json().path("spec").path("ephemeralContainers");
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).path("targetContainerName").asText()).isEqualTo("app");
        assertThat(stored.get(0).path("imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(stored.get(0).path("terminationMessagePath").asText()).isEqualTo("/dev/termination-log");
        assertThat(api().get(pod + "/ephemeralcontainers").json().path("spec").path("ephemeralContainers"))
                .isEqualTo(stored);
    }

    @Test
    void onlyEphemeralContainersChangeThroughTheSubresource() {
        Response patched = api().patch(pod + "/ephemeralcontainers", "application/merge-patch+json", """
                {"metadata":{"labels":{"app":"changed"}},"spec":{"activeDeadlineSeconds":5,
                 "ephemeralContainers":[{"name":"debugger","image":"busybox"}]},"status":{"phase":"Failed"}}""");

        JsonNode stored = api().get(pod).json();
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(stored.path("metadata").path("labels").path("app").asText()).isEqualTo("p");
        assertThat(stored.path("spec").has("activeDeadlineSeconds")).isFalse();
        assertThat(stored.path("status").path("phase").asText()).isEqualTo("Pending");
        assertThat(stored.path("spec").path("ephemeralContainers").get(0).path("name").asText()).isEqualTo("debugger");
    }

    @Test
    void aPutOfThePodThroughTheSubresourceAddsAContainer() {
        JsonNode current = api().get(pod + "/ephemeralcontainers").json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) current.path("spec")).putArray("ephemeralContainers")
                .addObject().put("name", "debugger").put("image", "busybox");

        Response put = api().put(pod + "/ephemeralcontainers", current.toString());

        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(api().get(pod).json().path("spec").path("ephemeralContainers")).hasSize(1);
    }

    @Test
    void fieldsThatMakeAContainerPartOfTheWorkloadAreForbidden() {
        Response refused = api().patch(pod + "/ephemeralcontainers", STRATEGIC, """
                {"spec":{"ephemeralContainers":[{"name":"debugger","image":"busybox",
                 "ports":[{"containerPort":80}],"resources":{"limits":{"cpu":"1"}},
                 "readinessProbe":{"exec":{"command":["true"]}},"lifecycle":{"preStop":{"exec":{"command":["true"]}}},
                 "volumeMounts":[{"name":"data","mountPath":"/d","subPath":"x"}]}]}}""");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        String message = refused.json().path("message").asText();
        assertThat(message).startsWith("Pod \"p\" is invalid: ")
                .contains("spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container")
                .contains("spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container")
                .contains("spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container")
                .contains("spec.ephemeralContainers[0].lifecycle: Forbidden: cannot be set for an Ephemeral Container")
                .contains("spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: "
                        + "cannot be set for an Ephemeral Container");
        assertThat(api().get(pod).json().path("spec").has("ephemeralContainers")).isFalse();
    }

    @Test
    void namesAreUniqueAcrossAllContainersAndTheTargetMustExist() {
        Response clash = api().patch(pod + "/ephemeralcontainers", STRATEGIC,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"side\",\"image\":\"busybox\"}]}}");
        Response initClash = api().patch(pod + "/ephemeralcontainers", STRATEGIC,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"setup\",\"image\":\"busybox\"}]}}");
        Response noTarget = api().patch(pod + "/ephemeralcontainers", STRATEGIC, """
                {"spec":{"ephemeralContainers":[{"name":"debugger","image":"busybox","targetContainerName":"nope"}]}}""");
        Response noImage = api().patch(pod + "/ephemeralcontainers", STRATEGIC,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"debugger\"}]}}");

        assertThat(clash.status()).isEqualTo(422);
        assertThat(clash.json().path("message").asText())
                .contains("spec.ephemeralContainers[0].name: Duplicate value: \"side\"");
        assertThat(initClash.json().path("message").asText())
                .contains("spec.ephemeralContainers[0].name: Duplicate value: \"setup\"");
        assertThat(noTarget.status()).isEqualTo(422);
        assertThat(noTarget.json().path("message").asText())
                .contains("spec.ephemeralContainers[0].targetContainerName: Not found: \"nope\"");
        assertThat(noImage.json().path("message").asText())
                .contains("spec.ephemeralContainers[0].image: Required value");
        assertThat(api().get(pod).json().path("spec").has("ephemeralContainers")).isFalse();
    }

    @Test
    void existingEphemeralContainersCanBeNeitherChangedNorRemoved() {
        assertThat(api().patch(pod + "/ephemeralcontainers", STRATEGIC, DEBUGGER).status()).isEqualTo(200);

        Response changed = api().patch(pod + "/ephemeralcontainers", STRATEGIC,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"debugger\",\"image\":\"other\"}]}}");
        Response removed = api().patch(pod + "/ephemeralcontainers", "application/merge-patch+json",
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"second\",\"image\":\"busybox\"}]}}");
        Response second = api().patch(pod + "/ephemeralcontainers", STRATEGIC,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"second\",\"image\":\"busybox\"}]}}");

        assertThat(changed.status()).isEqualTo(422);
        assertThat(changed.json().path("message").asText())
                .contains("spec.ephemeralContainers: Forbidden: existing ephemeral containers \"debugger\" may not be changed");
        assertThat(removed.status()).isEqualTo(422);
        assertThat(removed.json().path("message").asText())
                .contains("spec.ephemeralContainers: Forbidden: existing ephemeral containers \"debugger\" may not be removed");
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(api().get(pod).json().path("spec").path("ephemeralContainers")).hasSize(2);
    }

    @Test
    void aPlainPodUpdateCannotAddEphemeralContainers() {
        Response patched = api().patch(pod, STRATEGIC, DEBUGGER);

        assertThat(patched.status()).isEqualTo(422);
        assertThat(patched.json().path("message").asText())
                .contains("spec: Forbidden: pod updates may not change fields other than");
        assertThat(api().get(pod).json().path("spec").has("ephemeralContainers")).isFalse();
    }

    @Test
    void aPodCannotBeCreatedWithEphemeralContainers() {
        Response created = api().post("/api/v1/namespaces/" + ns + "/pods", """
                {"metadata":{"name":"q"},"spec":{"containers":[{"name":"app","image":"i"}],
                 "ephemeralContainers":[{"name":"debugger","image":"busybox"}]}}""");

        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().path("message").asText())
                .contains("spec.ephemeralContainers: Forbidden: cannot be set on create");
    }

    @Test
    void staticPodsTakeNoEphemeralContainers() {
        api().post("/api/v1/namespaces/" + ns + "/pods", """
                {"metadata":{"name":"mirror","annotations":{"kubernetes.io/config.mirror":"x"}},
                 "spec":{"nodeName":"n","containers":[{"name":"app","image":"i"}]}}""");

        Response refused = api().patch("/api/v1/namespaces/" + ns + "/pods/mirror/ephemeralcontainers", STRATEGIC,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"debugger\",\"image\":\"busybox\"}]}}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("message").asText()).contains("static pods do not support ephemeral containers");
    }

    @Test
    void theSubresourceOfAMissingPodIsNotFound() {
        Response missing = api().patch("/api/v1/namespaces/" + ns + "/pods/none/ephemeralcontainers", STRATEGIC, DEBUGGER);

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("message").asText()).isEqualTo("pods \"none\" not found");
    }

    @Test
    void discoveryListsTheNewSubresources() {
        JsonNode resources = api().get("/api/v1").json().path("resources");

        assertThat(entry(resources, "pods/ephemeralcontainers").path("kind").asText()).isEqualTo("Pod");
        assertThat(entry(resources, "pods/ephemeralcontainers").path("verbs").toString())
                .isEqualTo("[\"get\",\"patch\",\"update\"]");
        assertThat(entry(resources, "pods/proxy").path("kind").asText()).isEqualTo("PodProxyOptions");
        assertThat(entry(resources, "services/proxy").path("kind").asText()).isEqualTo("ServiceProxyOptions");
        assertThat(entry(resources, "nodes/proxy").path("kind").asText()).isEqualTo("NodeProxyOptions");
        assertThat(entry(resources, "nodes/proxy").path("verbs").toString())
                .isEqualTo("[\"create\",\"delete\",\"get\",\"patch\",\"update\"]");
    }

    private static JsonNode entry(JsonNode resources, String name) {
        for (JsonNode resource : resources) {
            if (resource.path("name").asText().equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("discovery lacks " + name + ": " + resources);
    }
}
