package dev.keel.reconciler.workload;

import dev.keel.runtime.objects.LabelSelectors;
import dev.keel.runtime.objects.Owners;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which dependents an owner controls, as Kubernetes' controller ref manager decides: those it already controls and
 * still selects; orphans it selects are adopted (unless it is being deleted); those it controls but no longer
 * selects are released. Adoption and release are conflict-checked writes, so two owners never both claim one object.
 */
public final class Claims {

    private static final Logger log = LoggerFactory.getLogger(Claims.class);

    private final KubernetesClient client;

    public Claims(KubernetesClient client) {
        this.client = client;
    }

    public <T extends HasMetadata> List<T> claim(HasMetadata owner, LabelSelector selector, List<T> candidates) {
        String uid = owner.getMetadata().getUid();
        boolean deleting = owner.getMetadata().getDeletionTimestamp() != null;
        List<T> claimed = new ArrayList<>();
        for (T candidate : candidates) {
            boolean selected = LabelSelectors.matches(selector, candidate.getMetadata().getLabels());
            Optional<OwnerReference> controller = Owners.controllerOf(candidate);
            if (controller.isPresent()) {
                if (!controller.get().getUid().equals(uid)) {
                    continue;
                }
                if (selected) {
                    claimed.add(candidate);
                } else if (!deleting) {
                    release(owner, candidate);
                }
            } else if (selected && !deleting && candidate.getMetadata().getDeletionTimestamp() == null) {
                adopt(owner, candidate).ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    private <T extends HasMetadata> Optional<T> adopt(HasMetadata owner, T candidate) {
        try {
            T adopted = client.resource(candidate).edit(current -> {
                if (Owners.controllerOf(current).isPresent()) {
                    return current;
                }
                List<OwnerReference> owners = current.getMetadata().getOwnerReferences() == null
                        ? new ArrayList<>() : new ArrayList<>(current.getMetadata().getOwnerReferences());
                owners.add(Owners.controllerReference(owner));
                current.getMetadata().setOwnerReferences(owners);
                return current;
            });
            if (!Owners.isControlledBy(adopted, owner.getMetadata().getUid())) {
                return Optional.empty();
            }
            log.info("{} {}/{} adopted {} {}", owner.getKind(), owner.getMetadata().getNamespace(),
                    owner.getMetadata().getName(), candidate.getKind(), candidate.getMetadata().getName());
            return Optional.of(adopted);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private <T extends HasMetadata> void release(HasMetadata owner, T candidate) {
        String uid = owner.getMetadata().getUid();
        try {
            client.resource(candidate).edit(current -> {
                if (current.getMetadata().getOwnerReferences() != null) {
                    current.getMetadata().setOwnerReferences(current.getMetadata().getOwnerReferences().stream()
                            .filter(reference -> !uid.equals(reference.getUid())).toList());
                }
                return current;
            });
            log.info("{} {}/{} released {} {}: its labels no longer match the selector", owner.getKind(),
                    owner.getMetadata().getNamespace(), owner.getMetadata().getName(), candidate.getKind(),
                    candidate.getMetadata().getName());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
