package dev.keel.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.keel.api.admission.allocation.ServiceAllocations;
import dev.keel.api.admission.defaults.DefaultTolerationSeconds;
import dev.keel.api.admission.limitrange.LimitRangeEnforcement;
import dev.keel.api.admission.quota.ResourceQuotaAdmission;
import dev.keel.api.admission.validation.ObjectMetaValidation;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.store.EtcdProperties;
import dev.keel.api.store.RevisionedStore;
import dev.keel.api.admission.webhook.MutatingWebhookAdmission;
import dev.keel.api.admission.webhook.ValidatingWebhookAdmission;
import dev.keel.api.admission.webhook.WebhookConfigurationValidation;
import dev.keel.api.admission.webhook.WebhookDefaults;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

/** The plugins as Spring finds them: all registered, all in AdmissionPlugins' order, configured from keel.api.admission.*. */
class AdmissionWiringTest {

    @Configuration(proxyBeanMethods = false)
    // Webhook admission needs the watch hub and HTTP clients; AdmissionWebhookTest covers it in the running server.
    @ComponentScan(value = "dev.keel.api.admission", excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
            pattern = "dev\\.keel\\.api\\.admission\\.webhook\\..*"))
    static class ScanAdmission {
    }

    private final RevisionedStore store = mock(RevisionedStore.class);

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withUserConfiguration(ScanAdmission.class)
                .withBean(RevisionedStore.class, () -> store)
                .withBean(EtcdProperties.class, EtcdProperties::new)
                .withBean(ObjectCodec.class, ObjectCodec::new)
                .withBean(ObjectStorage.class, () -> new ObjectStorage(store, new ObjectCodec(), "/registry", java.time.Duration.ofHours(1)))
                .withBean(ResourceRegistry.class, BuiltinResources::registry);
    }

    @Test
    void registersEveryPluginInTheOrderAdmissionPluginsWritesOut() {
        runner().withPropertyValues("keel.api.admission.default-not-ready-toleration-seconds=120").run(context -> {
            assertThat(context).hasNotFailed();
            List<MutatingAdmission> mutating = context.getBeanProvider(MutatingAdmission.class).stream().toList();
            List<ValidatingAdmission> validating = context.getBeanProvider(ValidatingAdmission.class).stream().toList();
            List<ObjectDeletedHook> hooks = context.getBeanProvider(ObjectDeletedHook.class).orderedStream().toList();

            AdmissionChain chain = AdmissionChain.ordered(AdmissionPlugins.ORDER, mutating, validating);

            // Every listed plugin is a bean, and every bean is listed: the chain is exactly the written order.
            List<String> listed = new java.util.ArrayList<>(AdmissionPlugins.ORDER.mutating());
            listed.addAll(AdmissionPlugins.ORDER.schemaValidating());
            listed.addAll(AdmissionPlugins.ORDER.validating());
            // Plugins outside this storage-free context: the webhook ones (see ScanAdmission), the admission policy
            // plugins (PolicyAdmissionConfiguration) and the CRD ones (dev.keel.api.apiextensions).
            listed.removeAll(List.of(WebhookDefaults.class.getSimpleName(), MutatingWebhookAdmission.class.getSimpleName(),
                    WebhookConfigurationValidation.class.getSimpleName(), ValidatingWebhookAdmission.class.getSimpleName(),
                    "PolicyDefaulting", "PolicyValidation", "BindingValidation", "PolicyAdmission",
                    "CustomResourceDefinitionDefaulting", "CustomResourceDefinitionValidation"));
            assertThat(chain.names()).containsExactlyElementsOf(listed);
            // Beyond the storage-free plugins: ServiceAllocations and the LimitRange defaults of pods.
            assertThat(mutating).hasSize(Plugins.defaulting().size() + 2);
            assertThat(listed.subList(0, mutating.size()))
                    .endsWith(DefaultTolerationSeconds.class.getSimpleName(), ServiceAllocations.class.getSimpleName());
            // Beyond the storage-free plugins: LimitRange enforcement, then quota, last.
            assertThat(validating).hasSize(Plugins.validating().size() + 2);
            assertThat(AdmissionPlugins.ORDER.validating()).endsWith(LimitRangeEnforcement.class.getSimpleName(),
                    "PolicyAdmission", ValidatingWebhookAdmission.class.getSimpleName(),
                    ResourceQuotaAdmission.class.getSimpleName());
            assertThat(AdmissionPlugins.ORDER.validating().get(0)).isEqualTo(ObjectMetaValidation.class.getSimpleName());
            assertThat(hooks).hasAtLeastOneElementOfType(ServiceAllocations.class);
            assertThat(context.getBean(AdmissionProperties.class).getDefaultNotReadyTolerationSeconds()).isEqualTo(120);
        });
    }

    @Test
    void aBadRangeStopsStartupWithTheReason() {
        runner().withPropertyValues("keel.api.admission.service-node-port-range=32767-30000").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("node port range 32767-30000");
        });
    }
}
