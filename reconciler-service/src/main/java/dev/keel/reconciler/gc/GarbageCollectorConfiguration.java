package dev.keel.reconciler.gc;

import dev.keel.reconciler.manager.ControllerFactory;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The garbage collector: one controller fed by the informers of every followed kind. A change to an object queues
 * the object itself (if it has owners or is being deleted with a propagation finalizer), its owners (a foreground
 * deletion waits on it), and, once it is gone or going, its dependents.
 */
@Configuration(proxyBeanMethods = false)
public class GarbageCollectorConfiguration {

    @Bean
    Controller garbageCollectorController(ControllerFactory factory, KubernetesClient client, EventRecorder events,
            GarbageCollectorProperties properties) {
        Informers informers = factory.informers();
        GcKinds kinds = GcKinds.served();
        Controller.Builder builder = factory.builder("garbage-collector",
                new GarbageCollectorReconciler(client, informers, kinds, events, properties.getForegroundRecheck()));
        for (GcKind kind : kinds.all()) {
            watch(builder, informers, kinds, kind);
        }
        return builder.build();
    }

    @SuppressWarnings("unchecked")
    private static <T extends HasMetadata> void watch(Controller.Builder builder, Informers informers, GcKinds kinds,
            GcKind kind) {
        SharedIndexInformer<T> informer = informers.informer((Class<T>) kind.type());
        builder.watch(informer, object -> keys(informers, kinds, kind, object));
    }

    static List<Request> keys(Informers informers, GcKinds kinds, GcKind kind, HasMetadata object) {
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
        Optional<? extends HasMetadata> cached = informers.get(kind.type(), object.getMetadata().getNamespace(),
                object.getMetadata().getName());
        boolean gone = cached.isEmpty() || !cached.get().getMetadata().getUid().equals(object.getMetadata().getUid());
        if (deleting || gone) {
            String uid = object.getMetadata().getUid();
            for (GcKind dependentKind : kinds.all()) {
                for (HasMetadata dependent : informers.ownedBy(dependentKind.type(), uid)) {
                    keys.add(new ObjectKey(dependentKind, dependent.getMetadata().getNamespace(),
                            dependent.getMetadata().getName()).toRequest());
                }
            }
        }
        return keys;
    }
}
