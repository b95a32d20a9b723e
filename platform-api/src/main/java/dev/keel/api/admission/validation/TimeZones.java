package dev.keel.api.admission.validation;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;

/** IANA time zone names as Go's {@code time.LoadLocation} accepts them (the JDK's tz database stands for Go's). */
public final class TimeZones {

    /** One component of a zone name, as Kubernetes' CronJob validation allows it. */
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z.\\-_0-9+]{1,14}");

    private TimeZones() {
    }

    /** Go's error for a name it cannot load ({@code unknown time zone X}); empty for a known zone, UTC or "". */
    public static Optional<String> problem(String name) {
        if (name.isEmpty() || name.equals("UTC")) {
            return Optional.empty();
        }
        for (String part : name.split("/", -1)) {
            if (part.equals(".") || part.equals("..") || part.startsWith("-") || !COMPONENT.matcher(part).matches()) {
                return Optional.of("unknown time zone " + name);
            }
        }
        if (name.equals("Local")) {
            return Optional.empty();
        }
        try {
            // Only region ids: the JDK also takes offsets such as "+02:00" or "GMT+2", which Go does not.
            if (!ZoneId.getAvailableZoneIds().contains(name)) {
                return Optional.of("unknown time zone " + name);
            }
            ZoneId.of(name);
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.of("unknown time zone " + name);
        }
    }
}
