package dev.keel.reconciler.cronjob;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.scheduling.support.CronExpression;

/**
 * A CronJob schedule as Kubernetes' controller evaluates it (robfig/cron v3's standard parser): five fields or a
 * descriptor, in a time zone. Five-field expressions are evaluated by Spring's {@link CronExpression} (seconds pinned
 * to 0); where both day of month and day of week are restricted, cron fires on either (robfig and Vixie cron), so two
 * Spring expressions are asked and the earlier answer wins. {@code @every <Go duration>} fires at that interval from
 * the time it is asked about, rounded to whole seconds, as robfig's {@code ConstantDelaySchedule}. platform-api has
 * refused anything robfig would not parse; what still fails here is reported as UnparseableSchedule.
 */
final class CronSchedule {

    private static final Map<String, String> DESCRIPTORS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *", "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");
    private static final Pattern DURATION_PART = Pattern.compile("([0-9]*(?:\\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of("ns", 1L, "us", 1_000L, "µs", 1_000L, "μs", 1_000L,
            "ms", 1_000_000L, "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

    private final ZoneId zone;
    private final List<CronExpression> expressions;
    private final Duration every;

    private CronSchedule(ZoneId zone, List<CronExpression> expressions, Duration every) {
        this.zone = zone;
        this.expressions = expressions;
        this.every = every;
    }

    /**
     * @param zone the zone of {@code spec.timeZone}, or the controller's own when unset
     * @throws IllegalArgumentException with robfig-like words when the schedule cannot be evaluated
     */
    static CronSchedule parse(String schedule, ZoneId zone) {
        String spec = schedule.strip();
        if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
            int space = spec.indexOf(' ');
            if (space < 0) {
                throw new IllegalArgumentException("expected exactly 5 fields, found 0: []");
            }
            zone = ZoneId.of(spec.substring(spec.indexOf('=') + 1, space));
            spec = spec.substring(space).strip();
        }
        if (spec.startsWith("@every ")) {
            return new CronSchedule(zone, List.of(), everyDelay(goDuration(spec.substring("@every ".length()))));
        }
        if (spec.startsWith("@")) {
            String fields = DESCRIPTORS.get(spec);
            if (fields == null) {
                throw new IllegalArgumentException("unrecognized descriptor: " + spec);
            }
            spec = fields;
        }
        String[] fields = spec.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]");
        }
        List<CronExpression> expressions = new ArrayList<>();
        if (!isStar(fields[2]) && !isStar(fields[4])) {
            expressions.add(spring(fields[0], fields[1], fields[2], fields[3], "*"));
            expressions.add(spring(fields[0], fields[1], "*", fields[3], fields[4]));
        } else {
            expressions.add(spring(fields));
        }
        return new CronSchedule(zone, List.copyOf(expressions), null);
    }

    ZoneId zone() {
        return zone;
    }

    /** The first activation strictly after {@code after}, or empty if there is none (a date that never occurs). */
    Optional<Instant> next(Instant after) {
        if (every != null) {
            // robfig: t + delay - t's fraction of a second
            return Optional.of(after.plus(every).minusNanos(after.getNano()));
        }
        ZonedDateTime from = after.atZone(zone);
        return expressions.stream()
                .map(expression -> expression.next(from))
                .filter(next -> next != null)
                .map(ZonedDateTime::toInstant)
                .min(Instant::compareTo);
    }

    /** Whether a day field leaves the days open, as robfig's star bit: a leading * or ? without a step above 1. */
    private static boolean isStar(String field) {
        for (String range : field.split(",")) {
            String[] rangeAndStep = range.split("/");
            boolean star = rangeAndStep[0].equals("*") || rangeAndStep[0].equals("?");
            if (star && (rangeAndStep.length == 1 || rangeAndStep[1].equals("1"))) {
                return true;
            }
        }
        return false;
    }

    private static CronExpression spring(String... fields) {
        return CronExpression.parse("0 " + Arrays.stream(fields)
                .map(field -> field.replace('?', '*').toUpperCase(Locale.ROOT))
                .collect(Collectors.joining(" ")));
    }

    /** robfig's {@code Every}: at least a second, whole seconds only. */
    private static Duration everyDelay(Duration duration) {
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            return Duration.ofSeconds(1);
        }
        return Duration.ofSeconds(duration.getSeconds());
    }

    /** Go's {@code time.ParseDuration} for the durations a schedule may hold ("1h30m", "90s", "1.5h"). */
    static Duration goDuration(String text) {
        String body = text.startsWith("+") || text.startsWith("-") ? text.substring(1) : text;
        if (body.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = DURATION_PART.matcher(body);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (matcher.find() && matcher.start() == end) {
            String number = matcher.group(1);
            if (number.isEmpty() || number.equals(".")) {
                break;
            }
            nanos = nanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(NANOS_PER_UNIT.get(matcher.group(2)))));
            end = matcher.end();
        }
        if (end == 0 || end != body.length()) {
            throw new IllegalArgumentException("time: invalid duration \"" + text + "\"");
        }
        Duration duration = Duration.ofNanos(nanos.longValue());
        return text.startsWith("-") ? duration.negated() : duration;
    }
}
