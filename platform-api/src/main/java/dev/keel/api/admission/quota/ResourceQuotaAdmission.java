package dev.keel.api.admission.quota;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.objects.StoredObject;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.resource.ResourceType;
import dev.keel.api.status.Statuses;
import dev.keel.api.store.KeyNotFoundException;
import dev.keel.api.store.RevisionConflictException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Kubernetes' ResourceQuota admission: a write that would take a namespace past one of its quotas is refused with
 * 403, otherwise each concerned quota's {@code status.used} is charged before the object is stored. The charge is
 * a compare-and-swap on the quota's revision, re-read and re-checked on conflict, so concurrent creates can never
 * charge past {@code hard} together. If the object then fails to be stored, the charge is given back; the quota
 * controller recomputes usage from what is stored (deletions, objects that finished) in any case.
 * Runs last, and only on writes that passed validation.
 */
@Component
public class ResourceQuotaAdmission implements ValidatingAdmission {

    private static final Logger log = LoggerFactory.getLogger(ResourceQuotaAdmission.class);
    /** Each attempt has one winner among the racers; only a pathological hot spot reaches this. */
    private static final int MAX_ATTEMPTS = 64;

    private final ObjectStorage storage;
    private final ObjectCodec codec;
    private final ResourceType quotaType;

    public ResourceQuotaAdmission(ObjectStorage storage, ObjectCodec codec, ResourceRegistry registry) {
        this.storage = storage;
        this.codec = codec;
        this.quotaType = registry.find("", "v1", "resourcequotas").orElseThrow();
    }

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!errors.isEmpty() || request.subresource() != null || !request.type().namespaced() || request.object() == null) {
            return;
        }
        Map<String, Amount> delta = delta(request);
        if (delta.isEmpty()) {
            return;
        }
        String namespace = request.object().getMetadata().getNamespace();
        List<StoredObject> quotas = storage.list(quotaType, namespace, null, 0, 0).items().stream()
                .sorted(Comparator.comparing(StoredObject::key)).toList();
        for (StoredObject quota : quotas) {
            charge(request, quota, delta);
        }
    }

    /** What the write adds: a create its whole usage, an update of a service or claim only what grew. */
    private static Map<String, Amount> delta(AdmissionRequest request) {
        ResourceType type = request.type();
        if (request.operation() == Operation.CREATE) {
            return ObjectUsage.of(type, request.object());
        }
        boolean updatable = type.group().isEmpty()
                && (type.kind().equals("Service") || type.kind().equals("PersistentVolumeClaim"));
        if (request.operation() != Operation.UPDATE || !updatable || request.oldObject() == null) {
            return Map.of();
        }
        Map<String, Amount> previous = ObjectUsage.of(type, request.oldObject());
        Map<String, Amount> growth = new TreeMap<>();
        ObjectUsage.of(type, request.object()).forEach((name, amount) -> {
            Amount grown = amount.minusAtLeastZero(previous.getOrDefault(name, Amount.ZERO));
            if (!grown.isZero()) {
                growth.put(name, grown);
            }
        });
        return growth;
    }

    private void charge(AdmissionRequest request, StoredObject listed, Map<String, Amount> delta) {
        HasMetadata object = request.object();
        StoredObject current = listed;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            ResourceQuota quota = codec.convert(current.object(), ResourceQuota.class);
            Map<String, Amount> newUsed = QuotaCheck.charge(quota, request.type(), object, delta);
            if (newUsed.isEmpty() || request.dryRun()) {
                return;
            }
            String name = quota.getMetadata().getName();
            String namespace = quota.getMetadata().getNamespace();
            ObjectNode updated = withUsed(current.object(), newUsed);
            try {
                storage.update(quotaType, namespace, name, updated, current.revision());
                Map<String, Amount> charged = new TreeMap<>(delta);
                charged.keySet().retainAll(newUsed.keySet());
                request.onFailure(() -> giveBack(namespace, name, charged));
                return;
            } catch (RevisionConflictException conflict) {
                Optional<StoredObject> reread = storage.get(quotaType, namespace, name);
                if (reread.isEmpty()) {
                    return;
                }
                current = reread.get();
            } catch (KeyNotFoundException gone) {
                return;
            }
        }
        throw Statuses.conflict("", quotaType.plural(), listed.object().path("metadata").path("name").asText(),
                "the quota was changed by too many writers at once; please try again");
    }

    /** Undoes a charge whose object was not stored, by the same compare-and-swap. */
    private void giveBack(String namespace, String name, Map<String, Amount> charged) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            Optional<StoredObject> found = storage.get(quotaType, namespace, name);
            if (found.isEmpty()) {
                return;
            }
            ResourceQuota quota = codec.convert(found.get().object(), ResourceQuota.class);
            Map<String, Amount> used = QuotaCheck.amounts(quota.getStatus() == null ? null : quota.getStatus().getUsed());
            Map<String, Amount> reduced = new TreeMap<>();
            charged.forEach((resource, amount) -> reduced.put(resource,
                    used.getOrDefault(resource, Amount.ZERO).minusAtLeastZero(amount)));
            try {
                storage.update(quotaType, namespace, name, withUsed(found.get().object(), reduced), found.get().revision());
                return;
            } catch (RevisionConflictException conflict) {
                // re-read and try again
            } catch (KeyNotFoundException gone) {
                return;
            }
        }
        log.warn("Could not give back the charge {} to ResourceQuota {}/{}; the quota controller will recompute it",
                charged, namespace, name);
    }

    private static ObjectNode withUsed(ObjectNode quota, Map<String, Amount> used) {
        ObjectNode copy = quota.deepCopy();
        ObjectNode usedNode = copy.withObjectProperty("status").withObjectProperty("used");
        used.forEach((resource, amount) -> usedNode.put(resource, amount.toString()));
        return copy;
    }
}
