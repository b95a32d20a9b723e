package dev.keel.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebAppResourcesTest {

    private final WebApp shop = WebApps.withCommand(WebApps.webApp("shop", "nginx:1.27", 3, 9090), "httpd", "-f");

    @Test
    void deploymentRunsTheImageWithTheAskedReplicasAndPort() {
        Deployment deployment = WebAppResources.deployment(shop);

        assertThat(deployment.getMetadata().getName()).isEqualTo("shop");
        assertThat(deployment.getMetadata().getNamespace()).isEqualTo("shop");
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
        assertThat(deployment.getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("examples.keel.dev/webapp", "shop"));
        assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels())
                .containsEntry("app.kubernetes.io/managed-by", "webapp-operator");
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("nginx:1.27");
        assertThat(container.getCommand()).containsExactly("httpd", "-f");
        assertThat(container.getPorts()).singleElement()
                .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(9090));
    }

    @Test
    void serviceForwardsPort80ToTheContainerPortOfTheSamePods() {
        Service service = WebAppResources.service(shop);
        Deployment deployment = WebAppResources.deployment(shop);

        assertThat(service.getMetadata().getName()).isEqualTo("shop");
        assertThat(service.getSpec().getSelector()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertThat(port.getPort()).isEqualTo(80);
        assertThat(port.getTargetPort().getIntVal()).isEqualTo(9090);
    }

    @Test
    void bothAreControlledByTheWebAppSoTheGarbageCollectorDeletesThemWithIt() {
        for (var owned : new io.fabric8.kubernetes.api.model.HasMetadata[] {
                WebAppResources.deployment(shop), WebAppResources.service(shop)}) {
            OwnerReference owner = owned.getMetadata().getOwnerReferences().get(0);
            assertThat(owner.getApiVersion()).isEqualTo("examples.keel.dev/v1");
            assertThat(owner.getKind()).isEqualTo("WebApp");
            assertThat(owner.getName()).isEqualTo("shop");
            assertThat(owner.getUid()).isEqualTo("uid-shop");
            assertThat(owner.getController()).isTrue();
            assertThat(owner.getBlockOwnerDeletion()).isTrue();
        }
    }

    @Test
    void absentReplicasAndPortTakeTheSchemaDefaultsAndNoCommandKeepsTheEntrypoint() {
        WebApp plain = WebApps.webApp("plain", "nginx:1.27", null, null);

        Deployment deployment = WebAppResources.deployment(plain);

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).isEmpty();
        assertThat(container.getPorts().get(0).getContainerPort()).isEqualTo(8080);
        assertThat(WebAppResources.service(plain).getSpec().getPorts().get(0).getTargetPort().getIntVal()).isEqualTo(8080);
    }

    @Test
    void applyConfigurationsCarryOnlyTheFieldsTheOperatorOwns() {
        // Server-side apply: a field sent is a field owned. No status, no clusterIP, no resourceVersion.
        String deployment = Serialization.asJson(WebAppResources.deployment(shop));
        String service = Serialization.asJson(WebAppResources.service(shop));

        assertThat(deployment).doesNotContain("\"status\"", "resourceVersion", "strategy");
        assertThat(service).doesNotContain("\"status\"", "clusterIP", "resourceVersion", "\"type\"");
    }

    @Test
    void selectorTextNamesThePodLabel() {
        assertThat(WebAppResources.selector(shop)).isEqualTo("examples.keel.dev/webapp=shop");
    }

    @Test
    void unsetSpecFieldsAreLeftOutOfTheJsonSoAnApplyDoesNotClaimThem() {
        WebApp plain = WebApps.webApp("plain", "nginx:1.27", null, null);

        String json = Serialization.asJson(plain);

        assertThat(json).contains("\"image\":\"nginx:1.27\"").doesNotContain("null", "\"status\"");
    }
}
