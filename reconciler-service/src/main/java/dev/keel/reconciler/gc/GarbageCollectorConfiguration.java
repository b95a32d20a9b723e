package dev.keel.reconciler.gc;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.reconciler.manager.ReconcilerProperties;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The garbage collector: one controller fed by the informers of every followed kind, the built-in ones and the custom
 * kinds of Established CustomResourceDefinitions (their monitors come and go with the definitions). A change to an
 * object queues the object itself (if it has owners or is being deleted with a propagation finalizer), its owners (a
 * foreground deletion waits on it), and, once it is gone or going, its dependents.
 */
@Configuration(proxyBeanMethods = false)
public class GarbageCollectorConfiguration {

    @Bean
    GcKinds gcKinds() {
        return GcKinds.served();
    }

    @Bean
    CustomKindMonitors customKindMonitors(KubernetesClient client, GcKinds gcKinds, ReconcilerProperties reconciler) {
        return new CustomKindMonitors(client, gcKinds, reconciler.getResyncPeriod());
    }

    @Bean
    Controller garbageCollectorController(ControllerFactory factory, KubernetesClient client, EventRecorder events,
            GarbageCollectorProperties properties, GcKinds gcKinds, CustomKindMonitors customKindMonitors) {
        Informers informers = factory.informers();
        GcObjects objects = new GcObjects(client, informers, customKindMonitors);
        Controller.Builder builder = factory.builder("garbage-collector", new GarbageCollectorReconciler(client, objects,
                gcKinds, events, properties.getForegroundRecheck(), properties.getUnresolvedOwnerRecheck()));
        for (GcKind kind : gcKinds.all()) {
            watch(builder, informers, objects, gcKinds, kind);
        }
        Controller controller = builder.build();
        customKindMonitors.deliverTo(kind -> object -> keys(objects, gcKinds, kind, object), controller::enqueue);
        return controller;
    }

    @Bean
    CustomKindDiscovery customKindDiscovery(KubernetesClient client, CustomKindMonitors customKindMonitors,
            @Qualifier("garbageCollectorController") Controller garbageCollectorController,
            GarbageCollectorProperties properties) {
        return new CustomKindDiscovery(client, customKindMonitors, garbageCollectorController,
                properties.getCustomKindDiscovery());
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> void watch(Controller.Builder builder, Informers informers, GcObjects objects,
            GcKinds kinds, GcKind kind) {
        SharedIndexInformer<T> informer = informers.informer((Class<T>) kind.type());
        builder.watch(informer, object -> keys(objects, kinds, kind, object));
    }

    static List<Request> keys(GcObjects objects, GcKinds kinds, GcKind kind, HasMetadata object) {
        List<Request> keys = new ArrayList<>();
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        boolean deleting = object.getMetadata().getDeletionTimestamp() != null;
        if ((owners != null && !owners.isEmpty()) || deleting) {
            keys.add(new ObjectKey(kind, object.getMetadata().getNamespace(), object.getMetadata().getName()).toRequest());
        }
        if (owners != null) {
            for (OwnerReference owner : owners) {
                kinds.find(owner.getApiVersion(), owner.getKind()).ifPresent(ownerKind -> keys.add(
                        new ObjectKey(ownerKind, object.getMetadata().getNamespace(), owner.getName()).toRequest()));
            }
        }
        Optional<? extends HasMetadata> cached = objects.cached(kind, object.getMetadata().getNamespace(),
                object.getMetadata().getName());
        boolean gone = cached.isEmpty() || !cached.get().getMetadata().getUid().equals(object.getMetadata().getUid());
        if (deleting || gone) {
            String uid = object.getMetadata().getUid();
            for (GcKind dependentKind : kinds.all()) {
                for (HasMetadata dependent : objects.ownedBy(dependentKind, uid)) {
                    keys.add(new ObjectKey(dependentKind, dependent.getMetadata().getNamespace(),
                            dependent.getMetadata().getName()).toRequest());
                }
            }
        }
        return keys;
    }
}
