package dev.keel.api.admission.limitrange;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LimitRange through the real API on etcd: its validation and defaults, and the LimitRanger admission of pods and claims. */
class LimitRangeAdmissionTest extends ApiServerTest {

    private String ranges;
    private String pods;
    private String namespace;

    @BeforeEach
    void namespace() {
        namespace = createNamespace("limits");
        ranges = "/api/v1/namespaces/" + namespace + "/limitranges";
        pods = "/api/v1/namespaces/" + namespace + "/pods";
    }

    private Response pod(String name, String resources) {
        return api().post(pods, "{\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\""
                + (resources.isEmpty() ? "" : ",\"resources\":" + resources) + "}]}}");
    }

    @Test
    void defaultsAreAppliedToContainersThatStateNothing() {
        Response range = api().post(ranges, "{\"metadata\":{\"name\":\"defaults\"},\"spec\":{\"limits\":[{\"type\":\"Container\","
                + "\"default\":{\"cpu\":\"500m\",\"memory\":\"128Mi\"},\"defaultRequest\":{\"cpu\":\"100m\"}}]}}");

        Response pod = pod("p", "{\"limits\":{\"memory\":\"64Mi\"}}");

        assertThat(range.status()).as(range.body()).isEqualTo(201);
        assertThat(range.json().path("spec").path("limits").get(0).path("defaultRequest").path("memory").asText()).isEqualTo("128Mi");
        assertThat(pod.status()).as(pod.body()).isEqualTo(201);
        var resources = pod.json().path("spec").path("containers").get(0).path("resources");
        assertThat(resources.path("limits").path("cpu").asText()).isEqualTo("500m");
        assertThat(resources.path("limits").path("memory").asText()).isEqualTo("64Mi");
        assertThat(resources.path("requests").path("cpu").asText()).isEqualTo("100m");
        assertThat(resources.path("requests").path("memory").asText()).isEqualTo("64Mi");
        assertThat(pod.json().path("metadata").path("annotations").path("kubernetes.io/limit-ranger").asText())
                .isEqualTo("LimitRanger plugin set: cpu request for container c; cpu limit for container c");
        assertThat(pod.json().path("status").path("qosClass").asText()).isEqualTo("Burstable");
    }

    @Test
    void minMaxAndRatioRefusePodsWithKubernetesMessages() {
        api().post(ranges, "{\"metadata\":{\"name\":\"bounds\"},\"spec\":{\"limits\":[{\"type\":\"Container\","
                + "\"max\":{\"cpu\":\"1\"},\"min\":{\"cpu\":\"100m\"},\"maxLimitRequestRatio\":{\"cpu\":\"4\"}}]}}");

        Response tooBig = pod("big", "{\"limits\":{\"cpu\":\"2\"},\"requests\":{\"cpu\":\"1\"}}");
        Response tooSmall = pod("small", "{\"limits\":{\"cpu\":\"50m\"}}");
        Response ratio = pod("ratio", "{\"limits\":{\"cpu\":\"1\"},\"requests\":{\"cpu\":\"200m\"}}");
        Response defaulted = pod("fine", "");

        assertThat(tooBig.status()).isEqualTo(403);
        assertThat(tooBig.json().path("message").asText())
                .isEqualTo("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
        assertThat(tooSmall.json().path("message").asText())
                .isEqualTo("pods \"small\" is forbidden: minimum cpu usage per Container is 100m, but request is 50m");
        assertThat(ratio.json().path("message").asText()).isEqualTo(
                "pods \"ratio\" is forbidden: cpu max limit to request ratio per Container is 4, but provided ratio is 5.000000");
        assertThat(defaulted.status()).as(defaulted.body()).isEqualTo(201);
        assertThat(api().get(pods + "/big").status()).isEqualTo(404);
    }

    @Test
    void podAndClaimItems() {
        api().post(ranges, "{\"metadata\":{\"name\":\"totals\"},\"spec\":{\"limits\":[{\"type\":\"Pod\",\"max\":{\"memory\":\"1Gi\"}},"
                + "{\"type\":\"PersistentVolumeClaim\",\"max\":{\"storage\":\"2Gi\"}}]}}");

        Response pod = pod("p", "{\"limits\":{\"memory\":\"2Gi\"}}");
        Response claim = api().post("/api/v1/namespaces/" + namespace + "/persistentvolumeclaims",
                "{\"metadata\":{\"name\":\"data\"},\"spec\":{\"accessModes\":[\"ReadWriteOnce\"],"
                        + "\"resources\":{\"requests\":{\"storage\":\"5Gi\"}}}}");

        assertThat(pod.json().path("message").asText())
                .isEqualTo("pods \"p\" is forbidden: maximum memory usage per Pod is 1Gi, but limit is 2Gi");
        assertThat(claim.status()).isEqualTo(403);
        assertThat(claim.json().path("message").asText()).isEqualTo(
                "persistentvolumeclaims \"data\" is forbidden: maximum storage usage per PersistentVolumeClaim is 2Gi, but request is 5Gi");
    }

    @Test
    void badRangesAreRefusedAndNotStored() {
        Response minAboveMax = api().post(ranges, "{\"metadata\":{\"name\":\"bad\"},\"spec\":{\"limits\":[{\"type\":\"Pod\","
                + "\"min\":{\"cpu\":\"2\"},\"max\":{\"cpu\":\"1\"}}]}}");
        Response negative = api().post(ranges, "{\"metadata\":{\"name\":\"neg\"},\"spec\":{\"limits\":[{\"type\":\"Pod\","
                + "\"max\":{\"cpu\":\"-1\"}}]}}");
        Response podDefault = api().post(ranges, "{\"metadata\":{\"name\":\"pd\"},\"spec\":{\"limits\":[{\"type\":\"Pod\","
                + "\"default\":{\"cpu\":\"1\"}}]}}");

        assertThat(minAboveMax.status()).isEqualTo(422);
        assertThat(minAboveMax.json().path("message").asText()).isEqualTo("LimitRange \"bad\" is invalid: "
                + "spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1");
        assertThat(negative.json().path("message").asText())
                .endsWith("spec.limits[0].max[cpu]: Invalid value: \"-1\": must be greater than or equal to 0");
        assertThat(podDefault.json().path("message").asText())
                .endsWith("spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'");
        assertThat(api().get(ranges).json().path("items").size()).isZero();
    }

    @Test
    void tableShowsCreatedAt() {
        api().post(ranges, "{\"metadata\":{\"name\":\"t\"},\"spec\":{\"limits\":[{\"type\":\"Container\",\"max\":{\"cpu\":\"1\"}}]}}");

        Response table = api().get(ranges, "application/json;as=Table;v=v1;g=meta.k8s.io");

        assertThat(table.json().path("columnDefinitions").findValuesAsText("name")).containsExactly("Name", "Created At");
        assertThat(table.json().path("rows").get(0).path("cells").get(1).asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }
}
