package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Volume kinds keel cannot mount, through the server: a 422 Status naming the field, nothing stored. */
class VolumeAdmissionApiTest extends ApiServerTest {

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
}
