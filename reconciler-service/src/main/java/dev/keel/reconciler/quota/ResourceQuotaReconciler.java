package dev.keel.reconciler.quota;

import dev.keel.api.admission.quota.Amount;
import dev.keel.api.resource.ResourceType;
import dev.keel.runtime.reconcile.Reconciler;
import dev.keel.runtime.reconcile.Request;
import dev.keel.runtime.reconcile.Result;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' resource quota controller: recounts a quota's {@code status.used} from what is stored in its
 * namespace (after deletions, finished pods, or when the quota is created in a namespace that already uses more:
 * the quota is then shown with used above hard, and admission refuses further creates) and copies
 * {@code spec.hard} to {@code status.hard}, which admission enforces. The quota and the objects are read from the
 * API server and the status written with the resourceVersion read, so a charge admission made meanwhile is never
 * overwritten: the conflict sends the key back to be recounted. As in Kubernetes, a recount runs only when it can
 * change something admission does not already track (see {@link QuotaConfiguration}), which keeps the window
 * between an admitted charge and its object being stored out of most recounts.
 */
public class ResourceQuotaReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(ResourceQuotaReconciler.class);

    private final KubernetesClient client;
    private final List<ResourceType> namespacedTypes;
    private final Duration resyncPeriod;

    public ResourceQuotaReconciler(KubernetesClient client, List<ResourceType> namespacedTypes, Duration resyncPeriod) {
        this.client = client;
        this.namespacedTypes = List.copyOf(namespacedTypes);
        this.resyncPeriod = resyncPeriod;
    }

    @Override
    public Result reconcile(Request request) {
        // Read live, not from the caches: a charge admission made since is then either seen here or makes the
        // status write below conflict, and the objects counted are those stored now.
        ResourceQuota quota = client.resourceQuotas().inNamespace(request.namespace()).withName(request.name()).get();
        if (quota == null || quota.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        Map<String, Quantity> hard = quota.getSpec() == null || quota.getSpec().getHard() == null
                ? Map.of() : quota.getSpec().getHard();
        Map<ResourceType, List<? extends HasMetadata>> objects = new LinkedHashMap<>();
        for (ResourceType type : QuotaUsage.countedTypes(namespacedTypes, hard.keySet())) {
            objects.put(type, list(type, request.namespace()));
        }
        Map<String, Amount> used = QuotaUsage.used(quota.getSpec(), objects);
        Map<String, Quantity> usedQuantities = new TreeMap<>();
        used.forEach((name, amount) -> usedQuantities.put(name, amount.toQuantity()));
        ResourceQuotaStatus current = quota.getStatus();
        if (current != null && sameQuantities(current.getHard(), hard) && sameQuantities(current.getUsed(), usedQuantities)) {
            return Result.requeueAfter(resyncPeriod);
        }
        ResourceQuota updated = new ResourceQuotaBuilder(quota)
                .withNewStatus().withHard(new TreeMap<>(hard)).withUsed(usedQuantities).endStatus()
                .build();
        try {
            client.resourceQuotas().inNamespace(request.namespace()).resource(updated).updateStatus();
            log.debug("ResourceQuota {}/{} used {}", request.namespace(), request.name(), used);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Result.done();
            }
            // 409: admission charged it meanwhile; the failure sends the key back to be recounted.
            throw e;
        }
        return Result.requeueAfter(resyncPeriod);
    }

    private List<? extends HasMetadata> list(ResourceType type, String namespace) {
        return client.resources(type.modelClass()).inNamespace(namespace).list().getItems();
    }

    /** Equal by value, as Kubernetes compares quantities ("1000m" is "1"). */
    private static boolean sameQuantities(Map<String, Quantity> a, Map<String, Quantity> b) {
        Map<String, Quantity> left = a == null ? Map.of() : a;
        Map<String, Quantity> right = b == null ? Map.of() : b;
        if (!left.keySet().equals(right.keySet())) {
            return false;
        }
        return left.keySet().stream().allMatch(name -> {
            Amount x = Amount.of(left.get(name));
            Amount y = Amount.of(right.get(name));
            return x != null && y != null ? x.compareTo(y) == 0 && x.toString().equals(y.toString())
                    : Objects.equals(left.get(name), right.get(name));
        });
    }
}
