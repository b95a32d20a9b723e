package dev.keel.api.selector;

import dev.keel.api.status.Statuses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A label selector in the string form of the {@code labelSelector} query parameter:
 * {@code a=b,c!=d,e in (x,y),f notin (z),g,!h}. All requirements must hold.
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of());
    private static final Pattern KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?");

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    /** @throws dev.keel.api.status.ApiException 400 with the parse error */
    public static LabelSelector parse(String text) {
        if (text == null || text.isBlank()) {
            return EVERYTHING;
        }
        List<Requirement> requirements = new ArrayList<>();
        for (String clause : splitTopLevel(text)) {
            requirements.add(parseRequirement(clause.trim(), text));
        }
        return new LabelSelector(List.copyOf(requirements));
    }

    public boolean isEverything() {
        return requirements.isEmpty();
    }

    public boolean matches(Map<String, String> labels) {
        Map<String, String> actual = labels == null ? Map.of() : labels;
        for (Requirement requirement : requirements) {
            if (!requirement.matches(actual)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return String.join(",", requirements.stream().map(Requirement::toString).toList());
    }

    private static List<String> splitTopLevel(String text) {
        List<String> clauses = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                clauses.add(text.substring(start, i));
                start = i + 1;
            }
        }
        clauses.add(text.substring(start));
        return clauses;
    }

    private static Requirement parseRequirement(String clause, String whole) {
        if (clause.isEmpty()) {
            throw invalid(whole, "found ',', expected: !, identifier, or 'end of string'");
        }
        if (clause.startsWith("!")) {
            String key = clause.substring(1).trim();
            return new Requirement(checkKey(key, whole), Operator.DOES_NOT_EXIST, Set.of());
        }
        String[] words = clause.split("\\s+", 2);
        if (words.length == 2 && (words[1].startsWith("in ") || words[1].startsWith("in(")
                || words[1].startsWith("notin ") || words[1].startsWith("notin("))) {
            boolean in = words[1].startsWith("in");
            String set = words[1].substring(in ? 2 : 5).trim();
            if (!set.startsWith("(") || !set.endsWith(")")) {
                throw invalid(whole, "expected '(' and ')' around the values of " + words[0]);
            }
            Set<String> values = new LinkedHashSet<>();
            for (String value : set.substring(1, set.length() - 1).split(",")) {
                values.add(checkValue(value.trim(), whole));
            }
            return new Requirement(checkKey(words[0], whole), in ? Operator.IN : Operator.NOT_IN, values);
        }
        int ne = clause.indexOf("!=");
        int eq = clause.indexOf('=');
        if (ne >= 0) {
            return new Requirement(checkKey(clause.substring(0, ne).trim(), whole), Operator.NOT_EQUALS,
                    Set.of(checkValue(clause.substring(ne + 2).trim(), whole)));
        }
        if (eq >= 0) {
            int valueStart = clause.startsWith("==", eq) ? eq + 2 : eq + 1;
            return new Requirement(checkKey(clause.substring(0, eq).trim(), whole), Operator.EQUALS,
                    Set.of(checkValue(clause.substring(valueStart).trim(), whole)));
        }
        return new Requirement(checkKey(clause, whole), Operator.EXISTS, Set.of());
    }

    private static String checkKey(String key, String whole) {
        if (!KEY.matcher(key).matches() || key.length() > 317) {
            throw invalid(whole, "invalid label key \"" + key + "\"");
        }
        return key;
    }

    private static String checkValue(String value, String whole) {
        if (!VALUE.matcher(value).matches()) {
            throw invalid(whole, "invalid label value: \"" + value + "\"");
        }
        return value;
    }

    private static RuntimeException invalid(String whole, String why) {
        return Statuses.badRequest("unable to parse requirement: " + why + " (in labelSelector \"" + whole + "\")");
    }

    private enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    private record Requirement(String key, Operator operator, Set<String> values) {

        boolean matches(Map<String, String> labels) {
            String actual = labels.get(key);
            return switch (operator) {
                case EQUALS, IN -> actual != null && values.contains(actual);
                case NOT_EQUALS, NOT_IN -> actual == null || !values.contains(actual);
                case EXISTS -> actual != null;
                case DOES_NOT_EXIST -> actual == null;
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case EQUALS -> key + "=" + values.iterator().next();
                case NOT_EQUALS -> key + "!=" + values.iterator().next();
                case IN -> key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }
}
