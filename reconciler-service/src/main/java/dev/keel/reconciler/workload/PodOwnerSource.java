package dev.keel.reconciler.workload;

import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.objects.LabelSelectors;
import dev.keel.runtime.objects.Owners;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A pod wakes its controlling owner of kind {@code T}; an orphan pod wakes every {@code T} of its namespace whose
 * selector matches it, so one of them can adopt it.
 */
public final class PodOwnerSource<T extends HasMetadata> implements EventSource<Pod> {

    private final Informers informers;
    private final Class<T> ownerType;
    private final Function<T, LabelSelector> selector;

    public PodOwnerSource(Informers informers, Class<T> ownerType, Function<T, LabelSelector> selector) {
        this.informers = informers;
        this.ownerType = ownerType;
        this.selector = selector;
    }

    @Override
    public Collection<Request> keys(Pod pod) {
        String kind = ownerType.getSimpleName();
        return Owners.controllerOf(pod)
                .map(owner -> kind.equals(owner.getKind())
                        ? List.of(new Request(pod.getMetadata().getNamespace(), owner.getName()))
                        : List.<Request>of())
                .orElseGet(() -> informers.list(ownerType, pod.getMetadata().getNamespace()).stream()
                        .filter(owner -> LabelSelectors.matches(selector.apply(owner), pod.getMetadata().getLabels()))
                        .map(Request::of)
                        .toList());
    }
}
