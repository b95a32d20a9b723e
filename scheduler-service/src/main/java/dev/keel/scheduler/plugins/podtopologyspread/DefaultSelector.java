package dev.keel.scheduler.plugins.podtopologyspread;

import dev.keel.runtime.objects.LabelSelectors;
import dev.keel.scheduler.framework.PodInfo;
import dev.keel.scheduler.framework.WorkloadLister;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The selector default spreading counts a pod's siblings by, as kube-scheduler derives it: the selectors of every
 * Service of the pod's namespace that selects the pod, merged with the selector of the ReplicaSet or StatefulSet
 * controlling it. Empty when the pod belongs to none of them: such a pod is not spread by default.
 */
final class DefaultSelector {

    private DefaultSelector() {
    }

    static Optional<LabelSelector> of(PodInfo pod, WorkloadLister workloads) {
        Map<String, String> matchLabels = new HashMap<>();
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (Service service : workloads.services(pod.namespace())) {
            Map<String, String> selector = service.getSpec() == null ? null : service.getSpec().getSelector();
            if (LabelSelectors.matchesMap(selector, pod.labels())) {
                matchLabels.putAll(selector);
            }
        }
        controller(pod).flatMap(owner -> ownerSelector(pod, owner, workloads)).ifPresent(selector -> {
            if (selector.getMatchLabels() != null) {
                matchLabels.putAll(selector.getMatchLabels());
            }
            if (selector.getMatchExpressions() != null) {
                expressions.addAll(selector.getMatchExpressions());
            }
        });
        if (matchLabels.isEmpty() && expressions.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new LabelSelectorBuilder().withMatchLabels(matchLabels).withMatchExpressions(expressions).build());
    }

    private static Optional<OwnerReference> controller(PodInfo pod) {
        List<OwnerReference> owners = pod.pod().getMetadata().getOwnerReferences();
        return owners == null ? Optional.empty()
                : owners.stream().filter(owner -> Boolean.TRUE.equals(owner.getController())).findFirst();
    }

    private static Optional<LabelSelector> ownerSelector(PodInfo pod, OwnerReference owner, WorkloadLister workloads) {
        if (!"apps/v1".equals(owner.getApiVersion())) {
            return Optional.empty();
        }
        return switch (owner.getKind()) {
            case "ReplicaSet" -> workloads.replicaSet(pod.namespace(), owner.getName())
                    .map(set -> set.getSpec() == null ? null : set.getSpec().getSelector());
            case "StatefulSet" -> workloads.statefulSet(pod.namespace(), owner.getName())
                    .map(set -> set.getSpec() == null ? null : set.getSpec().getSelector());
            default -> Optional.empty();
        };
    }
}
