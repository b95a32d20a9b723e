package dev.keel.reconciler.workload;

import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.objects.LabelSelectors;
import dev.keel.runtime.objects.Owners;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A dependent (a pod, a ReplicaSet) wakes its controlling owner of kind {@code O}; an orphan wakes every {@code O} of
 * its namespace whose selector matches it, so one of them can adopt it.
 */
public final class OwnerSource<O extends HasMetadata, C extends HasMetadata> implements EventSource<C> {

    private final Informers informers;
    private final Class<O> ownerType;
    private final Function<O, LabelSelector> selector;

    public OwnerSource(Informers informers, Class<O> ownerType, Function<O, LabelSelector> selector) {
        this.informers = informers;
        this.ownerType = ownerType;
        this.selector = selector;
    }

    @Override
    public Collection<Request> keys(C dependent) {
        String kind = ownerType.getSimpleName();
        String namespace = dependent.getMetadata().getNamespace();
        return Owners.controllerOf(dependent)
                .map(owner -> kind.equals(owner.getKind()) ? List.of(new Request(namespace, owner.getName())) : List.<Request>of())
                .orElseGet(() -> informers.list(ownerType, namespace).stream()
                        .filter(owner -> LabelSelectors.matches(selector.apply(owner), dependent.getMetadata().getLabels()))
                        .map(Request::of)
                        .toList());
    }
}
