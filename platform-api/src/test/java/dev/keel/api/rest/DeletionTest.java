package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeletionTest extends ApiServerTest {

    private String ns;

    @BeforeEach
    void namespace() {
        ns = createNamespace("del");
    }

    @Test
    void finalizersHoldAnObjectUntilTheyAreRemoved() {
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        api().post(path, "{\"metadata\":{\"name\":\"held\",\"finalizers\":[\"example.com/keep\"]}}");

        Response deleting = api().delete(path + "/held");
        JsonNode marked = api().get(path + "/held").json();
        Response released = api().patch(path + "/held", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");

        assertThat(deleting.status()).isEqualTo(200);
        assertThat(marked.path("metadata").path("deletionTimestamp").asText()).isNotEmpty();
        assertThat(marked.path("metadata").path("deletionGracePeriodSeconds").asInt()).isZero();
        assertThat(released.status()).isEqualTo(200);
        assertThat(api().get(path + "/held").status()).isEqualTo(404);
    }

    @Test
    void foregroundAndOrphanPropagationAddTheirFinalizers() {
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        api().post(path, "{\"metadata\":{\"name\":\"fg\"}}");
        api().post(path, "{\"metadata\":{\"name\":\"orphan\"}}");

        api().delete(path + "/fg", "{\"propagationPolicy\":\"Foreground\"}");
        api().delete(path + "/orphan?propagationPolicy=Orphan");

        assertThat(api().get(path + "/fg").json().path("metadata").path("finalizers").get(0).asText()).isEqualTo("foregroundDeletion");
        assertThat(api().get(path + "/orphan").json().path("metadata").path("finalizers").get(0).asText()).isEqualTo("orphan");
    }

    @Test
    void aPodOnANodeIsDeletedGracefullyAndGoesWhenTheNodeConfirms() {
        String path = "/api/v1/namespaces/" + ns + "/pods";
        api().post(path, "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"nodeName\":\"n1\",\"terminationGracePeriodSeconds\":45,"
                + "\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        Response graceful = api().delete(path + "/p");
        Response shortened = api().delete(path + "/p", "{\"gracePeriodSeconds\":10}");
        Response confirmed = api().delete(path + "/p", "{\"gracePeriodSeconds\":0}");

        assertThat(graceful.json().path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(45);
        assertThat(shortened.json().path("metadata").path("deletionGracePeriodSeconds").asInt()).isEqualTo(10);
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(api().get(path + "/p").status()).isEqualTo(404);
    }

    @Test
    void aPodTheNodeConfirmedGoesOnceItsFinalizersAreRemoved() {
        String path = "/api/v1/namespaces/" + ns + "/pods";
        api().post(path, "{\"metadata\":{\"name\":\"p\",\"finalizers\":[\"example.com/count\"]},\"spec\":{\"nodeName\":\"n1\","
                + "\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        api().delete(path + "/p");
        Response confirmed = api().delete(path + "/p", "{\"gracePeriodSeconds\":0}");
        api().patch(path + "/p", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");

        assertThat(confirmed.json().path("metadata").path("deletionGracePeriodSeconds").asInt()).isZero();
        assertThat(api().get(path + "/p").status()).isEqualTo(404);
    }

    @Test
    void anUnscheduledPodGoesAtOnce() {
        String path = "/api/v1/namespaces/" + ns + "/pods";
        api().post(path, "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}");

        api().delete(path + "/p");

        assertThat(api().get(path + "/p").status()).isEqualTo(404);
    }

    @Test
    void preconditionsGuardDeletes() {
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        api().post(path, "{\"metadata\":{\"name\":\"c\"}}");

        Response wrongUid = api().delete(path + "/c", "{\"preconditions\":{\"uid\":\"00000000-0000-0000-0000-000000000000\"}}");
        Response wrongVersion = api().delete(path + "/c", "{\"preconditions\":{\"resourceVersion\":\"1\"}}");

        assertThat(wrongUid.status()).isEqualTo(409);
        assertThat(wrongVersion.status()).isEqualTo(409);
        assertThat(api().get(path + "/c").status()).isEqualTo(200);
    }

    @Test
    void aDeletedNamespaceTerminatesAndRefusesNewContent() {
        String name = createNamespace("del-ns");

        Response deleting = api().delete("/api/v1/namespaces/" + name);
        Response refused = api().post("/api/v1/namespaces/" + name + "/configmaps", "{\"metadata\":{\"name\":\"c\"}}");

        assertThat(deleting.json().path("status").path("phase").asText()).isEqualTo("Terminating");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asText()).contains("because it is being terminated");
    }

    @Test
    void dryRunDeletesNothing() {
        String path = "/api/v1/namespaces/" + ns + "/configmaps";
        api().post(path, "{\"metadata\":{\"name\":\"c\"}}");

        assertThat(api().delete(path + "/c?dryRun=All").status()).isEqualTo(200);
        assertThat(api().get(path + "/c").status()).isEqualTo(200);
    }
}
