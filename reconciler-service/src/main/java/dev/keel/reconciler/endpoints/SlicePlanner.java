package dev.keel.reconciler.endpoints;

import dev.keel.runtime.objects.Owners;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans the writes to a Service's EndpointSlices with little churn, as Kubernetes' controller does: endpoints stay
 * in the slice that holds them, slices that change anyway take new endpoints first, new slices hold at most
 * {@code maxEndpointsPerSlice}, emptied slices go, and a Service with no endpoints keeps one empty placeholder slice.
 */
public final class SlicePlanner {

    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    public static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private final int maxEndpointsPerSlice;

    public SlicePlanner(int maxEndpointsPerSlice) {
        if (maxEndpointsPerSlice < 1) {
            throw new IllegalArgumentException("a slice must hold at least one endpoint");
        }
        this.maxEndpointsPerSlice = maxEndpointsPerSlice;
    }

    /** A slice being kept, with the endpoints it will hold. */
    private static final class Kept {
        final EndpointSlice slice;
        final List<Endpoint> endpoints = new ArrayList<>();
        boolean changed;

        Kept(EndpointSlice slice) {
            this.slice = slice;
        }
    }

    public SlicePlan plan(Service service, List<EndpointSlice> existing, Map<SliceMeta, List<Endpoint>> desired) {
        Map<String, String> labels = labels(service);
        List<EndpointSlice> create = new ArrayList<>();
        List<EndpointSlice> update = new ArrayList<>();
        List<EndpointSlice> delete = new ArrayList<>();
        Map<SliceMeta, List<EndpointSlice>> existingByMeta = new LinkedHashMap<>();
        for (EndpointSlice slice : existing) {
            existingByMeta.computeIfAbsent(SliceMeta.of(slice), key -> new ArrayList<>()).add(slice);
        }
        boolean anyEndpoints = desired.values().stream().anyMatch(endpoints -> !endpoints.isEmpty());
        for (Map.Entry<SliceMeta, List<Endpoint>> group : desired.entrySet()) {
            List<EndpointSlice> slices = existingByMeta.remove(group.getKey());
            planGroup(service, labels, group.getKey(), group.getValue(), slices == null ? List.of() : slices,
                    create, update, delete);
        }
        List<EndpointSlice> leftovers = new ArrayList<>();
        existingByMeta.values().forEach(leftovers::addAll);
        if (!anyEndpoints) {
            EndpointSlice placeholder = leftovers.stream().filter(SlicePlanner::isPlaceholder).findFirst().orElse(null);
            if (placeholder == null) {
                create.add(newSlice(service, labels, new SliceMeta(SliceEndpoints.addressTypes(service).get(0), List.of()),
                        List.of()));
            } else {
                leftovers.remove(placeholder);
                if (!labels.equals(placeholder.getMetadata().getLabels())) {
                    update.add(withContent(placeholder, labels, List.of()));
                }
            }
        }
        delete.addAll(leftovers);
        return new SlicePlan(create, update, delete);
    }

    private void planGroup(Service service, Map<String, String> labels, SliceMeta meta, List<Endpoint> wanted,
            List<EndpointSlice> slices, List<EndpointSlice> create, List<EndpointSlice> update, List<EndpointSlice> delete) {
        Map<String, Endpoint> remaining = new LinkedHashMap<>();
        wanted.forEach(endpoint -> remaining.put(SliceEndpoints.key(endpoint), endpoint));
        List<Kept> kept = new ArrayList<>();
        for (EndpointSlice slice : slices) {
            Kept entry = new Kept(slice);
            for (Endpoint current : nullToEmpty(slice.getEndpoints())) {
                Endpoint target = remaining.remove(SliceEndpoints.key(current));
                if (target == null) {
                    entry.changed = true;
                } else {
                    entry.changed |= !target.equals(current);
                    entry.endpoints.add(target);
                }
            }
            entry.changed |= !labels.equals(slice.getMetadata().getLabels());
            kept.add(entry);
        }
        List<Endpoint> toPlace = new ArrayList<>(remaining.values());
        // New endpoints go first into slices that are written anyway.
        for (Kept entry : kept) {
            if (entry.changed) {
                fill(entry, toPlace);
            }
        }
        // The rest goes to one unchanged slice if it fits there whole, else into new slices.
        if (!toPlace.isEmpty()) {
            for (Kept entry : kept) {
                if (!entry.changed && entry.endpoints.size() + toPlace.size() <= maxEndpointsPerSlice) {
                    entry.changed = true;
                    fill(entry, toPlace);
                    break;
                }
            }
        }
        for (int from = 0; from < toPlace.size(); from += maxEndpointsPerSlice) {
            List<Endpoint> chunk = toPlace.subList(from, Math.min(toPlace.size(), from + maxEndpointsPerSlice));
            create.add(newSlice(service, labels, meta, chunk));
        }
        for (Kept entry : kept) {
            if (entry.endpoints.isEmpty()) {
                delete.add(entry.slice);
            } else if (entry.changed) {
                update.add(withContent(entry.slice, labels, entry.endpoints));
            }
        }
    }

    private void fill(Kept entry, List<Endpoint> toPlace) {
        while (!toPlace.isEmpty() && entry.endpoints.size() < maxEndpointsPerSlice) {
            entry.endpoints.add(toPlace.remove(0));
            entry.changed = true;
        }
    }

    /** The labels of a Service's slices: the Service's own, plus the ones that tie the slice to it. */
    public static Map<String, String> labels(Service service) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (service.getMetadata().getLabels() != null) {
            labels.putAll(service.getMetadata().getLabels());
        }
        labels.put(SERVICE_NAME_LABEL, service.getMetadata().getName());
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        if ("None".equals(service.getSpec().getClusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        } else {
            labels.remove(HEADLESS_LABEL);
        }
        return labels;
    }

    private static boolean isPlaceholder(EndpointSlice slice) {
        return nullToEmpty(slice.getEndpoints()).isEmpty() && nullToEmpty(slice.getPorts()).isEmpty();
    }

    private static EndpointSlice newSlice(Service service, Map<String, String> labels, SliceMeta meta,
            List<Endpoint> endpoints) {
        String name = service.getMetadata().getName();
        return new EndpointSliceBuilder()
                .withNewMetadata()
                    .withGenerateName((name.length() > 57 ? name.substring(0, 57) : name) + "-")
                    .withNamespace(service.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withOwnerReferences(Owners.controllerReference(service))
                .endMetadata()
                .withAddressType(meta.addressType())
                .withPorts(meta.ports())
                .withEndpoints(List.copyOf(endpoints))
                .build();
    }

    private static EndpointSlice withContent(EndpointSlice slice, Map<String, String> labels, List<Endpoint> endpoints) {
        return new EndpointSliceBuilder(slice)
                .editMetadata().withLabels(labels).endMetadata()
                .withEndpoints(List.copyOf(endpoints))
                .build();
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return Objects.requireNonNullElse(list, List.of());
    }
}
