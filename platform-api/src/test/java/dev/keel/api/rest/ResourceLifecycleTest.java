package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import dev.keel.api.testing.EtcdServer;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResourceLifecycleTest extends ApiServerTest {

    private String ns;

    @BeforeEach
    void namespace() {
        ns = createNamespace("life");
    }

    private String configMap(String name, String value) {
        return """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"%s"},"data":{"k":"%s"}}""".formatted(name, value);
    }

    @Test
    void createSetsServerFieldsAndResourceVersionFromEtcd() {
        Response created = api().post("/api/v1/namespaces/" + ns + "/configmaps", configMap("a", "1"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode metadata = created.json().path("metadata");
        assertThat(metadata.path("uid").asText()).hasSize(36);
        assertThat(metadata.path("creationTimestamp").asText()).endsWith("Z");
        assertThat(metadata.path("namespace").asText()).isEqualTo(ns);
        assertThat(metadata.path("resourceVersion").asLong()).isPositive();
        Response read = api().get("/api/v1/namespaces/" + ns + "/configmaps/a");
        assertThat(read.json().path("metadata").path("resourceVersion").asText())
                .isEqualTo(metadata.path("resourceVersion").asText());
    }

    @Test
    void generateNameGivesAFreshName() {
        Response created = api().post("/api/v1/namespaces/" + ns + "/configmaps",
                "{\"metadata\":{\"generateName\":\"gen-\"},\"data\":{\"k\":\"v\"}}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("metadata").path("name").asText()).matches("gen-[a-z0-9]{5}");
    }

    @Test
    void creatingTwiceAnswersAlreadyExists() {
        api().post("/api/v1/namespaces/" + ns + "/configmaps", configMap("a", "1"));
        Response again = api().post("/api/v1/namespaces/" + ns + "/configmaps", configMap("a", "2"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(api().get("/api/v1/namespaces/" + ns + "/configmaps/a").json().path("data").path("k").asText()).isEqualTo("1");
    }

    @Test
    void updateWithAStaleResourceVersionConflictsAndChangesNothing() {
        String stale = api().post("/api/v1/namespaces/" + ns + "/configmaps", configMap("a", "1"))
                .json().path("metadata").path("resourceVersion").asText();
        Response first = api().put("/api/v1/namespaces/" + ns + "/configmaps/a", """
                {"metadata":{"name":"a","resourceVersion":"%s"},"data":{"k":"2"}}""".formatted(stale));
        Response second = api().put("/api/v1/namespaces/" + ns + "/configmaps/a", """
                {"metadata":{"name":"a","resourceVersion":"%s"},"data":{"k":"3"}}""".formatted(stale));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("reason").asText()).isEqualTo("Conflict");
        assertThat(second.json().path("message").asText()).contains("the object has been modified");
        JsonNode stored = api().get("/api/v1/namespaces/" + ns + "/configmaps/a").json();
        assertThat(stored.path("data").path("k").asText()).isEqualTo("2");
        assertThat(stored.path("metadata").path("resourceVersion").asText())
                .isEqualTo(first.json().path("metadata").path("resourceVersion").asText());
    }

    @Test
    void anUpdateThatChangesNothingKeepsTheResourceVersion() {
        JsonNode created = api().post("/api/v1/namespaces/" + ns + "/configmaps", configMap("a", "1")).json();
        Response same = api().put("/api/v1/namespaces/" + ns + "/configmaps/a", created.toString());

        assertThat(same.status()).isEqualTo(200);
        assertThat(same.json().path("metadata").path("resourceVersion").asText())
                .isEqualTo(created.path("metadata").path("resourceVersion").asText());
    }

    @Test
    void generationMovesOnlyWithTheSpec() {
        String deployment = """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d"},
                 "spec":{"replicas":1,"selector":{"matchLabels":{"app":"d"}},
                  "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"i"}]}}}}""";
        String path = "/apis/apps/v1/namespaces/" + ns + "/deployments";
        assertThat(api().post(path, deployment).json().path("metadata").path("generation").asInt()).isEqualTo(1);

        Response labelled = api().patch(path + "/d", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}");
        Response scaled = api().patch(path + "/d", "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");

        assertThat(labelled.json().path("metadata").path("generation").asInt()).isEqualTo(1);
        assertThat(scaled.json().path("metadata").path("generation").asInt()).isEqualTo(2);
    }

    @Test
    void mainResourceWritesKeepStatusAndStatusWritesKeepSpec() {
        String path = "/apis/apps/v1/namespaces/" + ns + "/deployments";
        api().post(path, """
                {"metadata":{"name":"d"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"d"}},
                 "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"i"}]}}},
                 "status":{"replicas":7}}""");
        JsonNode afterCreate = api().get(path + "/d").json();
        Response status = api().patch(path + "/d/status", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":9},\"status\":{\"replicas\":1}}");
        Response main = api().patch(path + "/d", "application/merge-patch+json", "{\"status\":{\"replicas\":5}}");

        assertThat(afterCreate.has("status")).as("status is cleared on create").isFalse();
        assertThat(status.json().path("status").path("replicas").asInt()).isEqualTo(1);
        assertThat(status.json().path("spec").path("replicas").asInt()).isEqualTo(1);
        assertThat(main.json().path("status").path("replicas").asInt()).isEqualTo(1);
    }

    @Test
    void objectsInAMissingNamespaceAreRefused() {
        Response response = api().post("/api/v1/namespaces/nope-" + ns + "/configmaps", configMap("a", "1"));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.json().path("message").asText()).isEqualTo("namespaces \"nope-" + ns + "\" not found");
    }

    @Test
    void deleteRemovesAndAnswersStatusThenNotFound() {
        String uid = api().post("/api/v1/namespaces/" + ns + "/configmaps", configMap("a", "1"))
                .json().path("metadata").path("uid").asText();

        Response deleted = api().delete("/api/v1/namespaces/" + ns + "/configmaps/a");
        Response gone = api().get("/api/v1/namespaces/" + ns + "/configmaps/a");

        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("status").asText()).isEqualTo("Success");
        assertThat(deleted.json().path("details").path("uid").asText()).isEqualTo(uid);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("reason").asText()).isEqualTo("NotFound");
        assertThat(gone.json().path("details").path("kind").asText()).isEqualTo("configmaps");
    }

    @Test
    void deleteCollectionHonoursTheLabelSelector() {
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        api().post(path, "{\"metadata\":{\"name\":\"keep\",\"labels\":{\"t\":\"keep\"}}}");
        api().post(path, "{\"metadata\":{\"name\":\"drop1\",\"labels\":{\"t\":\"drop\"}}}");
        api().post(path, "{\"metadata\":{\"name\":\"drop2\",\"labels\":{\"t\":\"drop\"}}}");

        assertThat(api().delete(path + "?labelSelector=t%3Ddrop").status()).isEqualTo(200);

        assertThat(api().get(path).json().path("items")).extracting(i -> i.path("metadata").path("name").asText())
                .containsExactly("keep");
    }

    @Test
    void leaseTimesKeepTheirMicrosecondForm() {
        String path = "/apis/coordination.k8s.io/v1/namespaces/" + ns + "/leases";
        Response created = api().post(path, """
                {"metadata":{"name":"leader"},"spec":{"holderIdentity":"a","leaseDurationSeconds":15,
                 "acquireTime":"2026-11-24T16:00:00.123456Z","renewTime":"2026-11-24T16:00:05.000001Z"}}""");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode spec = api().get(path + "/leader").json().path("spec");
        assertThat(spec.path("acquireTime").asText()).isEqualTo("2026-11-24T16:00:00.123456Z");
        assertThat(spec.path("renewTime").asText()).isEqualTo("2026-11-24T16:00:05.000001Z");
    }

    @Test
    void concurrentPatchesWithoutAResourceVersionAllLand() throws Exception {
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        api().post(path, configMap("shared", "0"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String label = "l" + i;
            results.add(pool.submit(() -> api().patch(path + "/shared", "application/merge-patch+json",
                    "{\"metadata\":{\"labels\":{\"" + label + "\":\"x\"}}}").status()));
        }
        pool.shutdown();

        for (Future<Integer> result : results) {
            assertThat(result.get()).isEqualTo(200);
        }
        assertThat(api().get(path + "/shared").json().path("metadata").path("labels").size()).isEqualTo(24);
    }

    @Test
    void eventsAreStoredWithATimeToLiveAndOtherObjectsWithout() throws Exception {
        api().post("/api/v1/namespaces/" + ns + "/events", """
                {"metadata":{"name":"e1"},"involvedObject":{"kind":"Pod","name":"p","namespace":"%s"},
                 "reason":"Tested","message":"hello","type":"Normal"}""".formatted(ns));
        api().post("/api/v1/namespaces/" + ns + "/configmaps", configMap("c1", "1"));

        try (Client etcd = Client.builder()
                .endpoints(EtcdServer.shared().endpoint()).build()) {
            assertThat(leaseOf(etcd, "/registry/events/" + ns + "/e1")).isPositive();
            assertThat(leaseOf(etcd, "/registry/configmaps/" + ns + "/c1")).isZero();
        }
    }

    private static long leaseOf(Client etcd, String key) throws Exception {
        return etcd.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8))
                .get(10, TimeUnit.SECONDS).getKvs().get(0).getLease();
    }
}
