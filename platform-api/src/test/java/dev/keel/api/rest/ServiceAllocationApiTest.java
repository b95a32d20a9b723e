package dev.keel.api.rest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cluster IPs and node ports through the API: unique, kept in etcd, and free again when no longer used. */
class ServiceAllocationApiTest extends ApiServerTest {

    private String services;

    @BeforeEach
    void namespace() {
        services = "/api/v1/namespaces/" + createNamespace("svc") + "/services";
    }

    private Response nodePortService(String name, int nodePort) {
        return api().post(services, """
                {"metadata":{"name":"%s"},"spec":{"type":"NodePort","selector":{"app":"a"},
                 "ports":[{"port":80,"targetPort":8080,"nodePort":%d}]}}""".formatted(name, nodePort));
    }

    @Test
    void aNodePortIsGivenOnce() {
        Response first = nodePortService("one", 31901);
        Response second = nodePortService("two", 31901);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("spec").path("clusterIP").asText()).startsWith("10.96.");
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.json().path("message").asText()).contains("provided port is already allocated");
        assertThat(api().get(services + "/two").status()).isEqualTo(404);
    }

    @Test
    void aPortDroppedByAnUpdateIsFreeOnceTheUpdateIsStored() {
        nodePortService("one", 31902);

        Response changed = api().patch(services + "/one", "application/merge-patch+json",
                "{\"spec\":{\"type\":\"ClusterIP\",\"ports\":[{\"port\":80,\"targetPort\":8080}]}}");
        Response reused = nodePortService("two", 31902);

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(reused.status()).as(reused.body()).isEqualTo(201);
    }

    @Test
    void deletingAServiceFreesItsAddressAndPort() {
        String ip = nodePortService("one", 31903).json().path("spec").path("clusterIP").asText();
        api().delete(services + "/one");

        Response again = api().post(services, """
                {"metadata":{"name":"two"},"spec":{"type":"NodePort","clusterIP":"%s","selector":{"app":"a"},
                 "ports":[{"port":80,"nodePort":31903}]}}""".formatted(ip));

        assertThat(again.status()).as(again.body()).isEqualTo(201);
    }
}
