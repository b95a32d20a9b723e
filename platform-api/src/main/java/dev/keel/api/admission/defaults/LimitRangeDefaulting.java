package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Kubernetes' defaults for a LimitRange's Container items: a resource with a {@code max} and no {@code default}
 * defaults its limit to the max; a resource without {@code defaultRequest} takes the default limit, else the min.
 */
@Component
public class LimitRangeDefaulting implements MutatingAdmission {

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.isKind("LimitRange") || !(request.object() instanceof LimitRange limitRange)
                || limitRange.getSpec() == null || limitRange.getSpec().getLimits() == null) {
            return;
        }
        for (LimitRangeItem item : limitRange.getSpec().getLimits()) {
            if (item == null || !"Container".equals(item.getType())) {
                continue;
            }
            Map<String, Quantity> defaults = copy(item.getDefault());
            copy(item.getMax()).forEach(defaults::putIfAbsent);
            Map<String, Quantity> defaultRequests = copy(item.getDefaultRequest());
            defaults.forEach(defaultRequests::putIfAbsent);
            copy(item.getMin()).forEach(defaultRequests::putIfAbsent);
            item.setDefault(defaults.isEmpty() ? item.getDefault() : defaults);
            item.setDefaultRequest(defaultRequests.isEmpty() ? item.getDefaultRequest() : defaultRequests);
        }
    }

    private static Map<String, Quantity> copy(Map<String, Quantity> values) {
        return values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values);
    }
}
