package dev.keel.api.admission.validation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.scheduling.support.CronExpression;

/**
 * A CronJob schedule as Kubernetes' {@code cron.ParseStandard} (robfig/cron v3) reads it: five fields (minute, hour,
 * day of month, month, day of week, with names and {@code ?}), or a descriptor ({@code @hourly}, {@code @every 1h30m},
 * ...), optionally after {@code TZ=}/{@code CRON_TZ=}. The error texts are robfig's, so a refusal reads as
 * kube-apiserver's. Spring's {@link CronExpression} (six fields, seconds first) has the last word on a five-field
 * expression: what it cannot evaluate, the controller could not run.
 */
public final class CronSchedules {

    private static final Set<String> DESCRIPTORS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final Pattern GO_DURATION = Pattern.compile("[-+]?(([0-9]*(\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h))+|[-+]?0");
    private static final List<Field> FIELDS = List.of(
            new Field(0, 59, Map.of()),
            new Field(0, 23, Map.of()),
            new Field(1, 31, Map.of()),
            new Field(1, 12, names("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec", 1)),
            new Field(0, 6, names("sun", "mon", "tue", "wed", "thu", "fri", "sat", 0)));

    private CronSchedules() {
    }

    /** Why {@code schedule} cannot be parsed, in robfig's words; empty when it can. */
    public static Optional<String> problem(String schedule) {
        if (schedule.isEmpty()) {
            return Optional.of("empty spec string");
        }
        String spec = schedule;
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int space = spec.indexOf(' ');
            String zone = spec.substring(spec.indexOf('=') + 1, space < 0 ? spec.length() : space);
            Optional<String> zoneProblem = TimeZones.problem(zone);
            if (zoneProblem.isPresent()) {
                return Optional.of("provided bad location " + zone + ": " + zoneProblem.get());
            }
            spec = space < 0 ? "" : spec.substring(space).strip();
        }
        if (spec.startsWith("@")) {
            return descriptor(spec);
        }
        String[] fields = spec.isBlank() ? new String[0] : spec.strip().split("\\s+");
        if (fields.length != FIELDS.size()) {
            return Optional.of("expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]");
        }
        for (int i = 0; i < fields.length; i++) {
            Optional<String> problem = FIELDS.get(i).problem(fields[i]);
            if (problem.isPresent()) {
                return problem;
            }
        }
        try {
            CronExpression.parse(springExpression(fields));
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
        return Optional.empty();
    }

    /** The six-field Spring expression of five robfig fields: second 0, {@code ?} as {@code *}, names in capitals. */
    static String springExpression(String[] fields) {
        return "0 " + Arrays.stream(fields).map(field -> field.replace('?', '*').toUpperCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }

    private static Optional<String> descriptor(String spec) {
        if (DESCRIPTORS.contains(spec)) {
            return Optional.empty();
        }
        if (spec.startsWith("@every ")) {
            String duration = spec.substring("@every ".length());
            if (!GO_DURATION.matcher(duration).matches() || duration.matches("[-+]?\\.?[a-zµμ]+.*")) {
                return Optional.of("failed to parse duration " + spec + ": time: invalid duration " + GoValue.quote(duration));
            }
            return Optional.empty();
        }
        return Optional.of("unrecognized descriptor: " + spec);
    }

    private static Map<String, Integer> names(Object... namesThenFirst) {
        int first = (Integer) namesThenFirst[namesThenFirst.length - 1];
        Map<String, Integer> names = new java.util.HashMap<>();
        for (int i = 0; i < namesThenFirst.length - 1; i++) {
            names.put((String) namesThenFirst[i], first + i);
        }
        return Map.copyOf(names);
    }

    /** One field's bounds and names, checked range by range as robfig's {@code getRange} does. */
    private record Field(int min, int max, Map<String, Integer> names) {

        Optional<String> problem(String field) {
            try {
                for (String range : field.split(",")) {
                    if (!range.isEmpty()) {
                        checkRange(range);
                    }
                }
                return Optional.empty();
            } catch (SyntaxError e) {
                return Optional.of(e.getMessage());
            }
        }

        private void checkRange(String expr) {
            String[] rangeAndStep = expr.split("/", -1);
            String[] lowAndHigh = rangeAndStep[0].split("-", -1);
            long start;
            long end;
            if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
                start = min;
                end = max;
            } else {
                start = number(lowAndHigh[0], true);
                if (lowAndHigh.length == 1) {
                    end = start;
                } else if (lowAndHigh.length == 2) {
                    end = number(lowAndHigh[1], true);
                } else {
                    throw new SyntaxError("too many hyphens: " + expr);
                }
            }
            long step = 1;
            if (rangeAndStep.length == 2) {
                step = number(rangeAndStep[1], false);
                if (lowAndHigh.length == 1) {
                    end = max;
                }
            } else if (rangeAndStep.length > 2) {
                throw new SyntaxError("too many slashes: " + expr);
            }
            if (start < min) {
                throw new SyntaxError("beginning of range (" + start + ") below minimum (" + min + "): " + expr);
            }
            if (end > max) {
                throw new SyntaxError("end of range (" + end + ") above maximum (" + max + "): " + expr);
            }
            if (start > end) {
                throw new SyntaxError("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
            }
            if (step == 0) {
                throw new SyntaxError("step of range should be a positive number: " + expr);
            }
        }

        private long number(String text, boolean allowNames) {
            Integer named = allowNames ? names.get(text.toLowerCase(Locale.ROOT)) : null;
            if (named != null) {
                return named;
            }
            if (!text.matches("[+-]?[0-9]+")) {
                throw new SyntaxError("failed to parse int from " + text + ": strconv.Atoi: parsing " + GoValue.quote(text)
                        + ": invalid syntax");
            }
            long value;
            try {
                value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
            } catch (NumberFormatException e) {
                throw new SyntaxError("failed to parse int from " + text + ": strconv.Atoi: parsing " + GoValue.quote(text)
                        + ": value out of range");
            }
            if (value < 0) {
                throw new SyntaxError("negative number (" + value + ") not allowed: " + text);
            }
            return value;
        }
    }

    /** robfig's error for one range; caught in {@link Field#problem}. */
    private static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }
}
