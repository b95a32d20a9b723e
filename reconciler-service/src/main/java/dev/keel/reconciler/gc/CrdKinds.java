package dev.keel.reconciler.gc;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesVersionPriority;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The custom kinds CustomResourceDefinitions make deletable, as Kubernetes' garbage collector finds them in discovery:
 * an Established definition's kind, at its preferred served version (the highest by Kubernetes' version priority, as
 * discovery's preferred resources). One version suffices: every served version shows the same objects.
 */
final class CrdKinds {

    private CrdKinds() {
    }

    static List<GcKind> of(List<CustomResourceDefinition> definitions) {
        List<GcKind> kinds = new ArrayList<>();
        for (CustomResourceDefinition definition : definitions) {
            if (!established(definition) || definition.getSpec() == null || definition.getSpec().getNames() == null) {
                continue;
            }
            List<String> served = definition.getSpec().getVersions() == null ? List.of()
                    : definition.getSpec().getVersions().stream()
                            .filter(version -> Boolean.TRUE.equals(version.getServed()))
                            .map(CustomResourceDefinitionVersion::getName).filter(Objects::nonNull).toList();
            if (served.isEmpty()) {
                continue;
            }
            kinds.add(GcKind.custom(definition.getSpec().getGroup(), KubernetesVersionPriority.highestPriority(served),
                    definition.getSpec().getNames().getKind(), definition.getSpec().getNames().getPlural(),
                    !"Cluster".equals(definition.getSpec().getScope())));
        }
        return kinds;
    }

    static boolean established(CustomResourceDefinition definition) {
        return definition.getStatus() != null && definition.getStatus().getConditions() != null
                && definition.getStatus().getConditions().stream()
                        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }
}
