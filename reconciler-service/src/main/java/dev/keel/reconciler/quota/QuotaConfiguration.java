package dev.keel.reconciler.quota;

import dev.keel.api.admission.quota.Amount;
import dev.keel.api.admission.quota.ObjectUsage;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The resource quota controller, keyed by quota. As Kubernetes' controller it recounts a quota when its hard limits
 * change or its usage was never counted, when an object that counts is deleted or releases usage (a pod that
 * finishes or starts terminating), and every resync period; never on an admitted create, which admission has
 * already charged (a recount then could miss an object admitted but not yet stored).
 */
@Configuration(proxyBeanMethods = false)
public class QuotaConfiguration {

    private static final List<Class<? extends HasMetadata>> REPLENISHING = List.of(Pod.class, Service.class, ConfigMap.class,
            Secret.class, PersistentVolumeClaim.class);

    @Bean
    Controller resourceQuotaController(ControllerFactory factory, KubernetesClient client, QuotaProperties properties) {
        Informers informers = factory.informers();
        ResourceRegistry registry = BuiltinResources.registry();
        List<ResourceType> namespaced = registry.all().stream().filter(ResourceType::namespaced).toList();
        ResourceQuotaReconciler reconciler = new ResourceQuotaReconciler(client, namespaced, properties.getResyncPeriod());
        Controller.Builder builder = factory.builder("resourcequota", reconciler)
                .watch(informers.informer(ResourceQuota.class),
                        quota -> needsRecount(quota) ? List.of(Request.of(quota)) : List.of());
        for (Class<? extends HasMetadata> counted : REPLENISHING) {
            // Watched for no key of their own: the controller then waits for these caches too.
            builder = builder.watch(informers.informer(counted), object -> List.of());
        }
        Controller controller = builder.build();
        for (Class<? extends HasMetadata> counted : REPLENISHING) {
            replenishOn(informers, informers.informer(counted), typeOf(registry, counted), controller);
        }
        return controller;
    }

    /** Its hard limits are not yet in its status, or some limited resource has no usage counted. */
    static boolean needsRecount(ResourceQuota quota) {
        Map<String, Quantity> hard = quota.getSpec() == null || quota.getSpec().getHard() == null ? Map.of() : quota.getSpec().getHard();
        if (quota.getStatus() == null) {
            return true;
        }
        Map<String, Quantity> statusHard = quota.getStatus().getHard() == null ? Map.of() : quota.getStatus().getHard();
        Map<String, Quantity> used = quota.getStatus().getUsed() == null ? Map.of() : quota.getStatus().getUsed();
        if (!hard.keySet().equals(statusHard.keySet()) || !used.keySet().containsAll(hard.keySet())) {
            return true;
        }
        return hard.keySet().stream().anyMatch(name -> {
            Amount wanted = Amount.of(hard.get(name));
            Amount shown = Amount.of(statusHard.get(name));
            return wanted == null || shown == null ? !Objects.equals(hard.get(name), statusHard.get(name)) : wanted.compareTo(shown) != 0;
        });
    }

    private static <T extends HasMetadata> void replenishOn(Informers informers, SharedIndexInformer<T> informer,
            ResourceType type, Controller controller) {
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                // Admission charged it.
            }

            @Override
            public void onUpdate(T before, T after) {
                if (releases(type, before, after)) {
                    recountNamespace(informers, after, controller);
                }
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                recountNamespace(informers, object, controller);
            }
        });
    }

    /** Whether the update lowered some usage: a pod that finished or started terminating, a smaller claim. */
    static boolean releases(ResourceType type, HasMetadata before, HasMetadata after) {
        if (before == null || after == null) {
            return false;
        }
        Map<String, Amount> was = ObjectUsage.of(type, before);
        Map<String, Amount> now = ObjectUsage.of(type, after);
        boolean terminating = before.getMetadata().getDeletionTimestamp() == null && after.getMetadata().getDeletionTimestamp() != null;
        return terminating || was.entrySet().stream()
                .anyMatch(entry -> now.getOrDefault(entry.getKey(), Amount.ZERO).compareTo(entry.getValue()) < 0);
    }

    private static void recountNamespace(Informers informers, HasMetadata object, Controller controller) {
        if (object == null || object.getMetadata() == null) {
            return;
        }
        informers.list(ResourceQuota.class, object.getMetadata().getNamespace()).forEach(quota -> controller.enqueue(Request.of(quota)));
    }

    private static ResourceType typeOf(ResourceRegistry registry, Class<? extends HasMetadata> model) {
        return registry.all().stream().filter(type -> type.modelClass().equals(model)).findFirst().orElseThrow();
    }
}
