package dev.keel.reconciler.quota;

import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceType;
import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The resource quota controller, keyed by quota: woken by its quotas and by the objects that count most often
 * (pods, services, config maps, secrets, claims; any change in their namespace recounts its quotas), and by a
 * periodic full recount for the rest.
 */
@Configuration(proxyBeanMethods = false)
public class QuotaConfiguration {

    private static final List<Class<? extends HasMetadata>> INFORMED = List.of(Pod.class, Service.class, ConfigMap.class,
            Secret.class, PersistentVolumeClaim.class, ResourceQuota.class);

    @Bean
    Controller resourceQuotaController(ControllerFactory factory, KubernetesClient client, QuotaProperties properties) {
        Informers informers = factory.informers();
        List<ResourceType> namespaced = BuiltinResources.registry().all().stream().filter(ResourceType::namespaced).toList();
        ResourceQuotaReconciler reconciler = new ResourceQuotaReconciler(client, informers, namespaced, INFORMED,
                properties.getResyncPeriod());
        Controller.Builder builder = factory.builder("resourcequota", reconciler)
                .watch(informers.informer(ResourceQuota.class), EventSource.self());
        for (Class<? extends HasMetadata> counted : INFORMED) {
            if (counted != ResourceQuota.class) {
                builder = watchNamespace(builder, informers, counted);
            }
        }
        return builder.build();
    }

    private static <T extends HasMetadata> Controller.Builder watchNamespace(Controller.Builder builder, Informers informers,
            Class<T> counted) {
        return builder.watch(informers.informer(counted), object -> informers
                .list(ResourceQuota.class, object.getMetadata().getNamespace()).stream()
                .map(Request::of)
                .toList());
    }
}
