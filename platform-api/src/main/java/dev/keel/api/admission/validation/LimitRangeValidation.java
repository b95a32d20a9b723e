package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * LimitRanges as Kubernetes validates them: one item per type (Pod, Container, PersistentVolumeClaim); no defaults
 * on Pod items; storage bounds on claim items; quantities that parse and are not negative; and for each resource
 * min &le; defaultRequest &le; default &le; max, with a limit-to-request ratio of at least 1 and at most max/min.
 */
@Component
public class LimitRangeValidation implements ValidatingAdmission {

    private static final List<String> TYPES = List.of("Container", "PersistentVolumeClaim", "Pod");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("LimitRange") || !request.type().group().isEmpty() || !(request.object() instanceof LimitRange range)
                || range.getSpec() == null || range.getSpec().getLimits() == null) {
            return;
        }
        Set<String> types = new HashSet<>();
        List<LimitRangeItem> items = range.getSpec().getLimits();
        for (int i = 0; i < items.size(); i++) {
            LimitRangeItem item = items.get(i) == null ? new LimitRangeItem() : items.get(i);
            String path = "spec.limits[" + i + "]";
            String type = item.getType() == null ? "" : item.getType();
            if (type.isEmpty()) {
                errors.required(path + ".type", "");
            } else if (!TYPES.contains(type)) {
                errors.notSupported(path + ".type", type, TYPES);
            } else if (!types.add(type)) {
                errors.duplicate(path + ".type", type);
            }
            item(errors, path, type, item);
        }
    }

    private static void item(FieldErrors errors, String path, String type, LimitRangeItem item) {
        Map<String, BigDecimal> max = values(errors, path + ".max", item.getMax());
        Map<String, BigDecimal> min = values(errors, path + ".min", item.getMin());
        Map<String, BigDecimal> defaults = values(errors, path + ".default", item.getDefault());
        Map<String, BigDecimal> defaultRequests = values(errors, path + ".defaultRequest", item.getDefaultRequest());
        Map<String, BigDecimal> ratios = values(errors, path + ".maxLimitRequestRatio", item.getMaxLimitRequestRatio());
        if (type.equals("Pod")) {
            if (item.getDefault() != null && !item.getDefault().isEmpty()) {
                errors.forbidden(path + ".default", "may not be specified when `type` is 'Pod'");
            }
            if (item.getDefaultRequest() != null && !item.getDefaultRequest().isEmpty()) {
                errors.forbidden(path + ".defaultRequest", "may not be specified when `type` is 'Pod'");
            }
        }
        if (type.equals("PersistentVolumeClaim") && !min.containsKey("storage") && !max.containsKey("storage")) {
            errors.required(path + ".min", "either minimum or maximum storage value is required, but neither was provided");
        }
        Set<String> names = new HashSet<>();
        for (Map<String, BigDecimal> values : List.of(max, min, defaults, defaultRequests, ratios)) {
            names.addAll(values.keySet());
        }
        for (String name : names) {
            BigDecimal maxValue = max.get(name);
            BigDecimal minValue = min.get(name);
            BigDecimal defaultValue = defaults.get(name);
            BigDecimal defaultRequest = defaultRequests.get(name);
            BigDecimal ratio = ratios.get(name);
            String maxText = text(item.getMax(), name);
            String minText = text(item.getMin(), name);
            String defaultText = text(item.getDefault(), name);
            String requestText = text(item.getDefaultRequest(), name);
            if (minValue != null && maxValue != null && minValue.compareTo(maxValue) > 0) {
                errors.invalid(path + ".min[" + name + "]", minText,
                        "min value " + minText + " is greater than max value " + maxText);
            }
            if (defaultRequest != null) {
                if (minValue != null && minValue.compareTo(defaultRequest) > 0) {
                    errors.invalid(path + ".defaultRequest[" + name + "]", requestText,
                            "min value " + minText + " is greater than default request value " + requestText);
                }
                if (maxValue != null && defaultRequest.compareTo(maxValue) > 0) {
                    errors.invalid(path + ".defaultRequest[" + name + "]", requestText,
                            "default request value " + requestText + " is greater than max value " + maxText);
                }
                if (defaultValue != null && defaultRequest.compareTo(defaultValue) > 0) {
                    errors.invalid(path + ".defaultRequest[" + name + "]", requestText,
                            "default request value " + requestText + " is greater than default limit value " + defaultText);
                }
            }
            if (defaultValue != null) {
                if (minValue != null && minValue.compareTo(defaultValue) > 0) {
                    errors.invalid(path + ".default[" + name + "]", defaultText,
                            "min value " + minText + " is greater than default value " + defaultText);
                }
                if (maxValue != null && defaultValue.compareTo(maxValue) > 0) {
                    errors.invalid(path + ".default[" + name + "]", defaultText,
                            "default value " + defaultText + " is greater than max value " + maxText);
                }
            }
            if (ratio != null) {
                String ratioText = text(item.getMaxLimitRequestRatio(), name);
                if (ratio.compareTo(BigDecimal.ONE) < 0) {
                    errors.invalid(path + ".maxLimitRequestRatio[" + name + "]", ratioText, "ratio " + ratioText + " is less than 1");
                }
                if (maxValue != null && minValue != null && minValue.signum() > 0) {
                    BigDecimal maxRatio = maxValue.divide(minValue, MathContext.DECIMAL64);
                    if (ratio.compareTo(maxRatio) > 0) {
                        errors.invalid(path + ".maxLimitRequestRatio[" + name + "]", ratioText,
                                "ratio " + ratioText + " is greater than max/min = " + String.format("%f", maxRatio.doubleValue()));
                    }
                }
            }
        }
    }

    /** The parsed quantities of one map; those that do not parse or are negative are reported and left out. */
    private static Map<String, BigDecimal> values(FieldErrors errors, String path, Map<String, Quantity> quantities) {
        Map<String, BigDecimal> values = new LinkedHashMap<>();
        if (quantities == null) {
            return values;
        }
        quantities.forEach((name, quantity) -> {
            BigDecimal value = Quantities.value(quantity);
            String field = path + "[" + name + "]";
            if (value == null) {
                errors.invalid(field, quantity == null ? "" : Quantities.text(quantity), Quantities.SYNTAX);
            } else if (value.signum() < 0) {
                errors.invalid(field, Quantities.text(quantity), "must be greater than or equal to 0");
            } else {
                values.put(name, value);
            }
        });
        return values;
    }

    private static String text(Map<String, Quantity> quantities, String name) {
        Quantity quantity = quantities == null ? null : quantities.get(name);
        return quantity == null ? "" : Quantities.text(quantity);
    }
}
