package dev.keel.reconciler.quota;

import dev.keel.api.admission.quota.Amount;
import dev.keel.api.admission.quota.ObjectUsage;
import dev.keel.api.admission.quota.QuotaResourceNames;
import dev.keel.api.admission.quota.QuotaScopes;
import dev.keel.api.resource.ResourceType;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A quota's {@code status.used} from the objects of its namespace: every resource of {@code spec.hard} starts at 0
 * and each object the quota's scopes match adds what platform-api's admission charges it ({@link ObjectUsage}), so
 * the controller and admission count by the same rule.
 */
final class QuotaUsage {

    private QuotaUsage() {
    }

    /** The kinds whose objects count against {@code hard}. */
    static List<ResourceType> countedTypes(List<ResourceType> namespacedTypes, Set<String> hard) {
        return namespacedTypes.stream()
                .filter(type -> hard.stream().anyMatch(name -> QuotaResourceNames.tracks(type, name)))
                .toList();
    }

    static Map<String, Amount> used(ResourceQuotaSpec spec, Map<ResourceType, List<? extends HasMetadata>> objects) {
        Map<String, Amount> used = new TreeMap<>();
        Set<String> hard = spec.getHard() == null ? Set.of() : spec.getHard().keySet();
        for (String name : hard) {
            used.put(name, Amount.ZERO);
        }
        objects.forEach((type, items) -> {
            for (HasMetadata object : items) {
                if (!QuotaScopes.matches(spec, object)) {
                    continue;
                }
                ObjectUsage.of(type, object).forEach((name, amount) -> {
                    if (hard.contains(name)) {
                        used.merge(name, amount, Amount::plus);
                    }
                });
            }
        });
        return used;
    }
}
