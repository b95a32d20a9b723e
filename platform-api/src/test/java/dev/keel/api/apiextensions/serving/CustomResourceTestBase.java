package dev.keel.api.apiextensions.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.keel.api.testing.ApiServerTest;
import dev.keel.api.testing.TestApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Custom-object tests: each test class defines its own CRD (a group of its own) and waits until it is served. */
abstract class CustomResourceTestBase extends ApiServerTest {

    static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

    /** A group no other test uses, so CRDs of tests sharing the server never meet. */
    static String uniqueGroup() {
        return "g" + UUID.randomUUID().toString().substring(0, 8) + ".example.com";
    }

    /**
     * The widgets CRD: v1 (storage) and v1beta1 served, status and scale subresources, printer columns
     * (Color, Replicas, Size with priority 1, Created as a date) and spec.color as a selectable field.
     */
    static String widgetCrd(String group, String scope) {
        return """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"widgets.%1$s"},
                 "spec":{"group":"%1$s","scope":"%2$s",
                  "names":{"plural":"widgets","singular":"widget","kind":"Widget","shortNames":["wd"],"categories":["all"]},
                  "versions":[
                   {"name":"v1","served":true,"storage":true,
                    "schema":{"openAPIV3Schema":{"type":"object","properties":{
                      "spec":{"type":"object","properties":{"color":{"type":"string"},"size":{"type":"string"},
                        "replicas":{"type":"integer"}}},
                      "status":{"type":"object","properties":{"replicas":{"type":"integer"},"selector":{"type":"string"},
                        "phase":{"type":"string"}}}}}},
                    "subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas",
                      "statusReplicasPath":".status.replicas","labelSelectorPath":".status.selector"}},
                    "additionalPrinterColumns":[
                      {"name":"Color","type":"string","jsonPath":".spec.color"},
                      {"name":"Replicas","type":"integer","jsonPath":".spec.replicas"},
                      {"name":"Size","type":"string","jsonPath":".spec.size","priority":1},
                      {"name":"Created","type":"date","jsonPath":".metadata.creationTimestamp"}],
                    "selectableFields":[{"jsonPath":".spec.color"}]},
                   {"name":"v1beta1","served":true,"storage":false,
                    "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
                """.formatted(group, scope);
    }

    /** A CRD with one version, no subresources and no printer columns. */
    static String plainCrd(String group, String plural, String kind, String scope) {
        return """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"%3$s.%1$s"},
                 "spec":{"group":"%1$s","scope":"%2$s",
                  "names":{"plural":"%3$s","singular":"%4$s","kind":"%5$s"},
                  "versions":[{"name":"v1","served":true,"storage":true,
                    "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}
                """.formatted(group, scope, plural, kind.toLowerCase(), kind);
    }

    /** Creates the CRD and waits until its preferred version answers a list. */
    void define(String crd, String group, String version, String plural) {
        Response created = api().post(CRDS, crd);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        awaitStatus("/apis/" + group + "/" + version + "/" + plural, 200);
    }

    void awaitStatus(String path, int status) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        Response last;
        do {
            last = api().get(path);
            if (last.status() == status) {
                return;
            }
            sleep();
        } while (Instant.now().isBefore(deadline));
        assertThat(last.status()).as(path + ": " + last.body()).isEqualTo(status);
    }

    static String widget(String group, String version, String name, String spec) {
        return "{\"apiVersion\":\"" + group + "/" + version + "\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"app\":\"" + name + "\"}},\"spec\":" + spec + "}";
    }

    static JsonNode ok(Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json();
    }

    static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
