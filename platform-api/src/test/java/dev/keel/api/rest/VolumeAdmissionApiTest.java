package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Volume kinds keel cannot mount, through the server: a 422 Status naming the field, nothing stored. */
class VolumeAdmissionApiTest extends ApiServerTest {

    private static final String NFS = "{\"name\":\"data\",\"nfs\":{\"server\":\"nfs.example.com\",\"path\":\"/\"}}";
    private static final String MERGE = "application/merge-patch+json";

    @Autowired
    private ObjectStorage storage;
    @Autowired
    private ResourceRegistry registry;

    private String namespace;

    @BeforeEach
    void namespace() {
        namespace = createNamespace("vols");
    }

    @Test
    void aPodWithAnNfsVolumeIsRefusedAndNotStored() {
        Response created = api().post("/api/v1/namespaces/" + namespace + "/pods", "{\"metadata\":{\"name\":\"p\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}],"
                + "\"volumes\":[{\"name\":\"data\",\"nfs\":{\"server\":\"nfs.example.com\",\"path\":\"/\"}}]}}");

        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().path("reason").asText()).isEqualTo("Invalid");
        assertThat(created.json().path("message").asText()).isEqualTo("Pod \"p\" is invalid: spec.volumes[0].nfs: "
                + "Forbidden: keel cannot mount nfs volumes; supported volume types: configMap, downwardAPI, emptyDir, "
                + "hostPath, persistentVolumeClaim, projected, secret");
        assertThat(created.json().path("details").path("causes").get(0).path("field").asText())
                .isEqualTo("spec.volumes[0].nfs");
        assertThat(api().get("/api/v1/namespaces/" + namespace + "/pods/p").status()).isEqualTo(404);
    }

    @Test
    void aDeploymentTemplateWithAServiceAccountTokenProjectionIsRefused() {
        Response created = api().post("/apis/apps/v1/namespaces/" + namespace + "/deployments",
                "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"selector\":{\"matchLabels\":{\"a\":\"b\"}},\"template\":{"
                        + "\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}],"
                        + "\"volumes\":[{\"name\":\"t\",\"projected\":{\"sources\":[{\"serviceAccountToken\":"
                        + "{\"path\":\"token\"}}]}}]}}}}");

        assertThat(created.status()).isEqualTo(422);
        assertThat(created.json().path("message").asText()).contains("spec.template.spec.volumes[0].projected.sources[0]"
                + ".serviceAccountToken: Forbidden: keel does not issue service account tokens yet");
        assertThat(api().get("/apis/apps/v1/namespaces/" + namespace + "/deployments/d").status()).isEqualTo(404);
    }

    @Test
    void supportedKindsAreStored() {
        Response created = api().post("/api/v1/namespaces/" + namespace + "/pods", "{\"metadata\":{\"name\":\"ok\"},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}],\"volumes\":["
                + "{\"name\":\"m\",\"emptyDir\":{\"medium\":\"Memory\",\"sizeLimit\":\"16Mi\"}},"
                + "{\"name\":\"d\",\"downwardAPI\":{\"items\":[{\"path\":\"l\",\"fieldRef\":{\"fieldPath\":\"metadata.labels\"}}]}},"
                + "{\"name\":\"h\",\"hostPath\":{\"path\":\"/tmp\",\"type\":\"Directory\"}}]}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("spec").path("volumes").get(1).path("downwardAPI").path("items").get(0)
                .path("fieldRef").path("apiVersion").asText()).isEqualTo("v1");
    }

    @Test
    void aPodStoredBeforeTheRuleCanStillBeLabelledAndItsFinalizerRemoved() {
        assertThat(api().post("/api/v1/namespaces/" + namespace + "/pods", "{\"metadata\":{\"name\":\"old\","
                + "\"finalizers\":[\"example.com/keep\"]},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}],"
                + "\"volumes\":[{\"name\":\"data\",\"emptyDir\":{}}]}}").status()).isEqualTo(201);
        storeWithNfsVolume(registry.find("", "v1", "pods").orElseThrow(), "old", "/spec");
        String pod = "/api/v1/namespaces/" + namespace + "/pods/old";

        Response labelled = api().patch(pod, MERGE, "{\"metadata\":{\"labels\":{\"app\":\"web\"}}}");
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
        assertThat(api().delete(pod).status()).isEqualTo(200);
        Response unfinalized = api().patch(pod, MERGE, "{\"metadata\":{\"finalizers\":null}}");

        assertThat(unfinalized.status()).as(unfinalized.body()).isEqualTo(200);
        assertThat(api().get(pod).status()).isEqualTo(404);
    }

    @Test
    void aDeploymentStoredBeforeTheRuleCanBeScaledButNotGivenAnotherUnmountableVolume() {
        String deployments = "/apis/apps/v1/namespaces/" + namespace + "/deployments";
        assertThat(api().post(deployments, "{\"metadata\":{\"name\":\"old\"},\"spec\":{\"selector\":"
                + "{\"matchLabels\":{\"a\":\"b\"}},\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}],"
                + "\"volumes\":[{\"name\":\"data\",\"emptyDir\":{}}]}}}}").status()).isEqualTo(201);
        storeWithNfsVolume(registry.find("apps", "v1", "deployments").orElseThrow(), "old", "/spec/template/spec");

        Response scaled = api().patch(deployments + "/old/scale", MERGE, "{\"spec\":{\"replicas\":3}}");
        Response labelled = api().patch(deployments + "/old", MERGE, "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        Response added = api().patch(deployments + "/old", "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/spec/template/spec/volumes/-\",\"value\":"
                        + NFS.replace("\"data\"", "\"more\"") + "}]");

        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        assertThat(labelled.status()).as(labelled.body()).isEqualTo(200);
        assertThat(added.status()).as(added.body()).isEqualTo(422);
        assertThat(added.json().path("message").asText()).contains("spec.template.spec.volumes[1].nfs: Forbidden: "
                + "keel cannot mount nfs volumes");
    }

    /** Writes the stored object's volumes as an nfs volume, past admission: an object stored before the rule. */
    private void storeWithNfsVolume(ResourceType type, String name, String specPointer) {
        StoredObject stored = storage.get(type, namespace, name).orElseThrow();
        ObjectNode object = stored.object().deepCopy();
        ((ObjectNode) object.at(specPointer)).putArray("volumes").addObject().put("name", "data").putObject("nfs")
                .put("server", "nfs.example.com").put("path", "/");
        storage.update(type, namespace, name, object, stored.revision());
    }
}
