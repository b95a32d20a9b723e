package dev.keel.api.apiextensions.schema;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.math.BigDecimal;
import java.text.ParseException;
import java.util.Base64;

/**
 * Strings whose format makes them another CEL type, as in Kubernetes: {@code date-time} a timestamp,
 * {@code duration} (Go syntax, {@code 1h30m}) a duration, {@code byte} (base64) bytes. A value that does not parse
 * stays a string; the format check has already reported it, and it blocks the rules.
 */
final class FormattedStrings {

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private FormattedStrings() {
    }

    static Object of(String text, String format) {
        if (format == null) {
            return text;
        }
        try {
            return switch (format) {
                case "date-time", "datetime" -> timestamp(text);
                case "duration" -> duration(text);
                case "byte" -> ByteString.copyFrom(Base64.getDecoder().decode(text));
                default -> text;
            };
        } catch (ParseException | IllegalArgumentException e) {
            return text;
        }
    }

    private static Timestamp timestamp(String text) throws ParseException {
        return Timestamps.parse(text.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'));
    }

    private static Duration duration(String text) {
        String rest = text;
        int sign = 1;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            sign = rest.startsWith("-") ? -1 : 1;
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.getDefaultInstance();
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher matcher = GO_DURATION_PART.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(unitNanos(matcher.group(2))));
            at = matcher.end();
        }
        long total = nanos.longValue() * sign;
        return Duration.newBuilder().setSeconds(total / 1_000_000_000L).setNanos((int) (total % 1_000_000_000L)).build();
    }

    private static BigDecimal unitNanos(String unit) {
        return BigDecimal.valueOf(switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        });
    }
}
