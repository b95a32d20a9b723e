package dev.keel.api.admission.quota;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What objects are charged and which quotas' scopes match them, as Kubernetes' quota evaluators decide. */
class QuotaRulesTest {

    private static final ResourceType PODS = BuiltinResources.registry().find("", "v1", "pods").orElseThrow();
    private static final ResourceType SERVICES = BuiltinResources.registry().find("", "v1", "services").orElseThrow();
    private static final ResourceType DEPLOYMENTS = BuiltinResources.registry().find("apps", "v1", "deployments").orElseThrow();

    private static PodBuilder pod() {
        return new PodBuilder().withNewMetadata().withName("p").endMetadata().withNewSpec()
                .addNewContainer().withName("a").withNewResources()
                .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("64Mi")))
                .withLimits(Map.of("cpu", new Quantity("500m"))).endResources().endContainer()
                .addNewContainer().withName("b").withNewResources().withRequests(Map.of("cpu", new Quantity("250m")))
                .endResources().endContainer()
                .addNewInitContainer().withName("init").withNewResources().withRequests(Map.of("cpu", new Quantity("2")))
                .endResources().endInitContainer().endSpec();
    }

    @Test
    void aPodIsChargedItsCountAndItsResources() {
        Map<String, Amount> usage = ObjectUsage.of(PODS, pod().build());

        assertThat(usage).extractingByKeys("count/pods", "pods").allMatch(amount -> amount.toString().equals("1"));
        assertThat(usage.get("requests.cpu")).hasToString("2").as("the largest init container wins");
        assertThat(usage.get("cpu")).hasToString("2");
        assertThat(usage.get("requests.memory")).hasToString("64Mi");
        assertThat(usage.get("limits.cpu")).hasToString("500m");
        assertThat(usage).doesNotContainKey("limits.memory");
    }

    @Test
    void aFinishedPodKeepsOnlyItsObjectCount() {
        Pod finished = pod().withNewStatus().withPhase("Succeeded").endStatus().build();

        assertThat(ObjectUsage.of(PODS, finished)).containsOnlyKeys("count/pods");
    }

    @Test
    void servicesAndOtherGroups() {
        Service loadBalancer = new ServiceBuilder().withNewMetadata().withName("s").endMetadata().withNewSpec()
                .withType("LoadBalancer").addNewPort().withPort(80).endPort().addNewPort().withPort(81).endPort().endSpec().build();

        assertThat(ObjectUsage.of(SERVICES, loadBalancer)).containsOnlyKeys("count/services", "services",
                "services.loadbalancers", "services.nodeports");
        assertThat(ObjectUsage.of(SERVICES, loadBalancer).get("services.nodeports")).hasToString("2");
        assertThat(QuotaResourceNames.objectCount(DEPLOYMENTS)).isEqualTo("count/deployments.apps");
        assertThat(QuotaResourceNames.tracks(DEPLOYMENTS, "pods")).isFalse();
    }

    @Test
    void scopes() {
        Pod burstable = pod().build();
        Pod bestEffort = new PodBuilder().withNewMetadata().withName("be").endMetadata().withNewSpec()
                .addNewContainer().withName("c").endContainer().withActiveDeadlineSeconds(30L).withPriorityClassName("high")
                .endSpec().build();
        ResourceQuotaSpec terminating = new ResourceQuotaSpecBuilder().withScopes("Terminating").build();
        ResourceQuotaSpec notBestEffort = new ResourceQuotaSpecBuilder().withScopes("NotBestEffort").build();
        ResourceQuotaSpec notHigh = new ResourceQuotaSpecBuilder().withNewScopeSelector().addNewMatchExpression()
                .withScopeName("PriorityClass").withOperator("NotIn").withValues("high").endMatchExpression().endScopeSelector().build();
        ResourceQuotaSpec anyClass = new ResourceQuotaSpecBuilder().withNewScopeSelector().addNewMatchExpression()
                .withScopeName("PriorityClass").withOperator("Exists").endMatchExpression().endScopeSelector().build();

        assertThat(QuotaScopes.matches(terminating, bestEffort)).isTrue();
        assertThat(QuotaScopes.matches(terminating, burstable)).isFalse();
        assertThat(QuotaScopes.matches(notBestEffort, burstable)).isTrue();
        assertThat(QuotaScopes.matches(notBestEffort, bestEffort)).isFalse();
        assertThat(QuotaScopes.matches(notHigh, burstable)).as("no class: NotIn matches").isTrue();
        assertThat(QuotaScopes.matches(notHigh, bestEffort)).isFalse();
        assertThat(QuotaScopes.matches(anyClass, bestEffort)).isTrue();
        assertThat(QuotaScopes.matches(anyClass, new ServiceBuilder().build())).as("scoped quotas count pods only").isFalse();
        assertThat(QuotaScopes.matches(new ResourceQuotaSpec(), new ServiceBuilder().build())).isTrue();
    }
}
