package dev.keel.api.admission.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.Operation;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.security.UserInfo;
import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfigBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules, scopes, object selectors and the dry-run check, without a server (no namespace selector here). */
class WebhookMatcherTest {

    private static final ResourceRegistry REGISTRY = BuiltinResources.registry();
    private static final ResourceType CONFIG_MAPS = REGISTRY.find("", "v1", "configmaps").orElseThrow();
    private static final ResourceType NAMESPACES = REGISTRY.find("", "v1", "namespaces").orElseThrow();
    private static final ResourceType PODS = REGISTRY.find("", "v1", "pods").orElseThrow();

    private final WebhookMatcher matcher = new WebhookMatcher(null);

    private static RuleWithOperations rule(String operation, String group, String resource, String scope) {
        return new RuleWithOperationsBuilder().withOperations(operation).withApiGroups(group).withApiVersions("*")
                .withResources(resource).withScope(scope).build();
    }

    private static Webhook webhook(List<RuleWithOperations> rules, LabelSelector objectSelector, String sideEffects) {
        return new Webhook("c", "w.test.keel.dev", new WebhookClientConfigBuilder().withUrl("https://127.0.0.1:1/").build(),
                rules, "Fail", "Equivalent", new LabelSelector(), objectSelector, sideEffects, 10, List.of("v1"), List.of(),
                null, false);
    }

    private static WebhookRequest request(Operation operation, ResourceType type, String subresource, HasMetadata object,
            HasMetadata old, boolean dryRun) {
        return new WebhookRequest(new AdmissionRequest(operation, type, subresource, object, old, dryRun),
                new UserInfo("u", "", List.of()));
    }

    private static HasMetadata configMap(String label) {
        return new ConfigMapBuilder().withNewMetadata().withName("cm").withNamespace("ns")
                .addToLabels(label == null ? "none" : label, "yes").endMetadata().build();
    }

    @Test
    void rulesMatchOperationGroupResourceAndSubresource() {
        WebhookRequest create = request(Operation.CREATE, CONFIG_MAPS, null, configMap(null), null, false);
        WebhookRequest status = request(Operation.UPDATE, PODS, "status", configMap(null), configMap(null), false);

        assertThat(matcher.matches(webhook(List.of(rule("CREATE", "", "configmaps", "*")), null, "None"), create)).isTrue();
        assertThat(matcher.matches(webhook(List.of(rule("UPDATE", "", "configmaps", "*")), null, "None"), create)).isFalse();
        assertThat(matcher.matches(webhook(List.of(rule("*", "apps", "*", "*")), null, "None"), create)).isFalse();
        assertThat(matcher.matches(webhook(List.of(rule("*", "*", "*", "*")), null, "None"), create)).isTrue();
        assertThat(matcher.matches(webhook(List.of(rule("*", "", "pods", "*")), null, "None"), status)).isFalse();
        assertThat(matcher.matches(webhook(List.of(rule("*", "", "pods/status", "*")), null, "None"), status)).isTrue();
        assertThat(matcher.matches(webhook(List.of(rule("*", "", "*/*", "*")), null, "None"), status)).isTrue();
        assertThat(matcher.matches(webhook(List.of(rule("*", "", "*", "*")), null, "None"), status)).isFalse();
    }

    @Test
    void aNamespaceIsClusterScoped() {
        WebhookRequest namespace = request(Operation.CREATE, NAMESPACES, null,
                new NamespaceBuilder().withNewMetadata().withName("ns").endMetadata().build(), null, false);
        WebhookRequest configMap = request(Operation.CREATE, CONFIG_MAPS, null, configMap(null), null, false);

        assertThat(matcher.matches(webhook(List.of(rule("*", "", "*", "Cluster")), null, "None"), namespace)).isTrue();
        assertThat(matcher.matches(webhook(List.of(rule("*", "", "*", "Namespaced")), null, "None"), namespace)).isFalse();
        assertThat(matcher.matches(webhook(List.of(rule("*", "", "*", "Namespaced")), null, "None"), configMap)).isTrue();
        assertThat(matcher.matches(webhook(List.of(rule("*", "", "*", "Cluster")), null, "None"), configMap)).isFalse();
    }

    @Test
    void theObjectSelectorLooksAtTheNewAndTheOldObject() {
        LabelSelector wanted = new LabelSelectorBuilder().addToMatchLabels("wanted", "yes").build();
        List<RuleWithOperations> any = List.of(rule("*", "*", "*", "*"));

        assertThat(matcher.matches(webhook(any, wanted, "None"),
                request(Operation.CREATE, CONFIG_MAPS, null, configMap("wanted"), null, false))).isTrue();
        assertThat(matcher.matches(webhook(any, wanted, "None"),
                request(Operation.UPDATE, CONFIG_MAPS, null, configMap(null), configMap("wanted"), false))).isTrue();
        assertThat(matcher.matches(webhook(any, wanted, "None"),
                request(Operation.CREATE, CONFIG_MAPS, null, configMap(null), null, false))).isFalse();
    }

    @Test
    void webhookAndPolicyConfigurationsAreExempt() {
        assertThat(WebhookMatcher.exempt(REGISTRY.find("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations")
                .orElseThrow())).isTrue();
        assertThat(WebhookMatcher.exempt(CONFIG_MAPS)).isFalse();
    }

    @Test
    void aDryRunToAWebhookWithSideEffectsIsABadRequest() {
        WebhookInvoker invoker = new WebhookInvoker(matcher, null, new WebhookRequestContext(new WebhookProperties()));
        Webhook some = webhook(List.of(rule("*", "*", "*", "*")), null, "Some");

        assertThatThrownBy(() -> invoker.prepare(ActiveWebhook.of(some),
                request(Operation.CREATE, CONFIG_MAPS, null, configMap(null), null, true)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.code()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("admission webhook \"w.test.keel.dev\" does not support dry run");
                });
        assertThat(invoker.prepare(ActiveWebhook.of(webhook(List.of(rule("*", "*", "*", "*")), null, "NoneOnDryRun")),
                request(Operation.CREATE, CONFIG_MAPS, null, configMap(null), null, true))).isNotNull();
    }
}
