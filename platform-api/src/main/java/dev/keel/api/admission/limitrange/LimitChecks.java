package dev.keel.api.admission.limitrange;

import dev.keel.api.admission.quota.Amount;
import dev.keel.api.admission.quota.ObjectUsage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The min, max and maxLimitRequestRatio rules of Kubernetes' LimitRanger, with its messages
 * ({@code maximum cpu usage per Container is 1, but limit is 2}). Container items apply to each container and init
 * container, Pod items to the pod's total (containers summed, the largest init container if more, plus overhead), claim items to
 * the storage a claim requests.
 */
public final class LimitChecks {

    private LimitChecks() {
    }

    public static List<String> pod(List<LimitRange> ranges, Pod pod) {
        List<String> violations = new ArrayList<>();
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        for (LimitRangeItem item : items(ranges)) {
            if ("Container".equals(item.getType())) {
                for (Container container : containers) {
                    Map<String, Quantity> requests = container.getResources() == null ? null : container.getResources().getRequests();
                    Map<String, Quantity> limits = container.getResources() == null ? null : container.getResources().getLimits();
                    check(violations, "Container", item, sorted(requests), sorted(limits), true);
                }
            } else if ("Pod".equals(item.getType())) {
                check(violations, "Pod", item, podTotal(pod, true), podTotal(pod, false), true);
            }
        }
        return violations;
    }

    public static List<String> claim(List<LimitRange> ranges, PersistentVolumeClaim claim) {
        List<String> violations = new ArrayList<>();
        Map<String, Quantity> requests = claim.getSpec() == null || claim.getSpec().getResources() == null
                ? null : claim.getSpec().getResources().getRequests();
        for (LimitRangeItem item : items(ranges)) {
            if ("PersistentVolumeClaim".equals(item.getType())) {
                check(violations, "PersistentVolumeClaim", item, sorted(requests), new TreeMap<>(), false);
            }
        }
        return violations;
    }

    private static void check(List<String> violations, String limitType, LimitRangeItem item, Map<String, Quantity> requests,
            Map<String, Quantity> limits, boolean limitsKnown) {
        sorted(item.getMin()).forEach((name, min) -> {
            Quantity request = requests.get(name);
            Quantity limit = limits.get(name);
            String prefix = "minimum " + name + " usage per " + limitType + " is " + canonical(min);
            if (request == null) {
                violations.add(prefix + ".  No request is specified");
            } else if (compare(request, min) < 0) {
                violations.add(prefix + ", but request is " + canonical(request));
            } else if (limit != null && compare(limit, min) < 0) {
                violations.add(prefix + ", but limit is " + canonical(limit));
            }
        });
        sorted(item.getMax()).forEach((name, max) -> {
            Quantity request = requests.get(name);
            Quantity limit = limits.get(name);
            String prefix = "maximum " + name + " usage per " + limitType + " is " + canonical(max);
            if (!limitsKnown) {
                if (request == null) {
                    violations.add(prefix + ".  No request is specified");
                } else if (compare(request, max) > 0) {
                    violations.add(prefix + ", but request is " + canonical(request));
                }
            } else if (limit == null) {
                violations.add(prefix + ".  No limit is specified");
            } else if (compare(limit, max) > 0) {
                violations.add(prefix + ", but limit is " + canonical(limit));
            } else if (request != null && compare(request, max) > 0) {
                violations.add(prefix + ", but request is " + canonical(request));
            }
        });
        sorted(item.getMaxLimitRequestRatio()).forEach((name, ratio) -> {
            BigDecimal request = value(requests.get(name));
            BigDecimal limit = value(limits.get(name));
            String prefix = name + " max limit to request ratio per " + limitType + " is " + canonical(ratio);
            if (request == null || request.signum() == 0) {
                violations.add(prefix + ", but no request is specified or request is 0");
            } else if (limit == null || limit.signum() == 0) {
                violations.add(prefix + ", but no limit is specified or limit is 0");
            } else {
                BigDecimal observed = limit.divide(request, MathContext.DECIMAL64);
                if (observed.compareTo(value(ratio)) > 0) {
                    violations.add(prefix + ", but provided ratio is " + String.format("%f", observed.doubleValue()));
                }
            }
        });
    }

    /** The pod's total as Kubernetes' PodRequests/PodLimits: containers summed, the largest init container if more. */
    private static Map<String, Quantity> podTotal(Pod pod, boolean requests) {
        Map<String, Quantity> total = new TreeMap<>();
        ObjectUsage.podTotal(pod.getSpec(), requests).forEach((name, amount) -> total.put(name, amount.toQuantity()));
        return total;
    }

    private static List<LimitRangeItem> items(List<LimitRange> ranges) {
        List<LimitRangeItem> items = new ArrayList<>();
        for (LimitRange range : ranges) {
            if (range.getSpec() != null && range.getSpec().getLimits() != null) {
                range.getSpec().getLimits().stream().filter(java.util.Objects::nonNull).forEach(items::add);
            }
        }
        return items;
    }

    private static Map<String, Quantity> sorted(Map<String, Quantity> values) {
        return values == null ? new TreeMap<>() : new TreeMap<>(values);
    }

    private static int compare(Quantity a, Quantity b) {
        BigDecimal left = value(a);
        BigDecimal right = value(b);
        return left == null || right == null ? 0 : left.compareTo(right);
    }

    private static BigDecimal value(Quantity quantity) {
        Amount amount = Amount.of(quantity);
        return amount == null ? null : amount.value();
    }

    private static String canonical(Quantity quantity) {
        Amount amount = Amount.of(quantity);
        return amount == null ? String.valueOf(quantity) : amount.toString();
    }
}
