package dev.keel.api.table;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Label maps and label selectors written the way kubectl shows them: {@code app=web,tier in (a,b)}. */
public final class LabelText {

    private static final Pattern NAME = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private LabelText() {
    }

    /** A label map as sorted {@code k=v} pairs, or {@code <none>}. */
    static String labels(JsonNode map) {
        Map<String, String> sorted = new TreeMap<>();
        if (map != null && map.isObject()) {
            map.properties().forEach(e -> sorted.put(e.getKey(), JsonFields.text(e.getValue())));
        }
        if (sorted.isEmpty()) {
            return JsonFields.NONE;
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(",", pairs);
    }

    /** A LabelSelector for the SELECTOR columns: {@code <none>} when it selects all or nothing, {@code <error>} when invalid. */
    static String selector(JsonNode selector) {
        return render(selector).map(s -> s.isEmpty() ? JsonFields.NONE : s).orElse("<error>");
    }

    /**
     * The selector's string form, "" for a missing or empty selector, or empty when it is invalid.
     * Requirements are ordered by key and multi-valued sets by value, so the text is stable.
     */
    public static Optional<String> render(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return Optional.of("");
        }
        List<Requirement> requirements = new ArrayList<>();
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isObject()) {
            for (Map.Entry<String, JsonNode> entry : matchLabels.properties()) {
                String value = JsonFields.text(entry.getValue());
                if (!validKey(entry.getKey()) || !validValue(value)) {
                    return Optional.empty();
                }
                requirements.add(new Requirement(entry.getKey(), entry.getKey() + "=" + value));
            }
        }
        for (JsonNode expression : JsonFields.items(selector.path("matchExpressions"))) {
            Optional<Requirement> requirement = expression(expression);
            if (requirement.isEmpty()) {
                return Optional.empty();
            }
            requirements.add(requirement.get());
        }
        requirements.sort(Comparator.comparing(Requirement::key));
        return Optional.of(String.join(",", requirements.stream().map(Requirement::text).toList()));
    }

    private static Optional<Requirement> expression(JsonNode expression) {
        String key = JsonFields.text(expression.path("key"));
        List<String> values = JsonFields.items(expression.path("values")).stream().map(JsonFields::text).toList();
        if (!validKey(key) || !values.stream().allMatch(LabelText::validValue)) {
            return Optional.empty();
        }
        String operator = JsonFields.text(expression.path("operator"));
        return switch (operator) {
            case "In", "NotIn" -> values.isEmpty()
                    ? Optional.empty()
                    : Optional.of(new Requirement(key,
                            key + ("In".equals(operator) ? " in (" : " notin (") + valueList(values) + ")"));
            case "Exists" -> values.isEmpty() ? Optional.of(new Requirement(key, key)) : Optional.empty();
            case "DoesNotExist" -> values.isEmpty() ? Optional.of(new Requirement(key, "!" + key)) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static String valueList(List<String> values) {
        return String.join(",", values.size() == 1 ? values : values.stream().sorted().toList());
    }

    /** A qualified label key: an optional DNS subdomain prefix and a name of at most 63 characters. */
    private static boolean validKey(String key) {
        int slash = key.indexOf('/');
        String name = key;
        if (slash >= 0) {
            String prefix = key.substring(0, slash);
            name = key.substring(slash + 1);
            if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
                return false;
            }
        }
        return !name.isEmpty() && name.length() <= 63 && NAME.matcher(name).matches();
    }

    private static boolean validValue(String value) {
        return value.isEmpty() || (value.length() <= 63 && NAME.matcher(value).matches());
    }

    private record Requirement(String key, String text) {
    }
}
