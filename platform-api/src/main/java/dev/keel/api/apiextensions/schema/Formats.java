package dev.keel.api.apiextensions.schema;

import com.google.re2j.Pattern;
import dev.keel.api.admission.Ipv4;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The string formats kube-openapi's default registry checks on custom objects ({@code strfmt.Default}); a format it
 * does not know (e.g. {@code int32} on a string, {@code password}) is not checked, as there.
 */
final class Formats {

    private static final Pattern HOSTNAME = Pattern.compile(
            "^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9-\\p{S}\\p{L}]"
            + "{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}([a-zA-Z0-9\\p{S}\\p{L}])(-?[a-zA-Z0-9\\p{S}\\p{L}]){1,62})$");
    private static final Pattern UUID = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
    private static final Pattern UUID3 = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
    private static final Pattern UUID4 = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
    private static final Pattern UUID5 = Pattern.compile(
            "(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
    private static final Pattern MAC = Pattern.compile(
            "^([0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{2}[:-]){7}[0-9A-Fa-f]{2}$|^([0-9A-Fa-f]{4}\\.){2}[0-9A-Fa-f]{4}$");
    private static final Pattern DATE_TIME = Pattern.compile(
            "^\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?([Zz]|[+-]\\d{2}:?\\d{2})?$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");
    private static final Pattern HEX_COLOR = Pattern.compile("^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$");
    private static final Pattern RGB_COLOR = Pattern.compile(
            "^rgb\\(\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,"
            + "\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*\\)$");
    private static final Pattern EMAIL = Pattern.compile("^[^\\s@<>()\\[\\],;:\"]+@[^\\s@<>()\\[\\],;:\"]+$");
    private static final Pattern GO_DURATION = Pattern.compile("^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$");
    private static final Pattern ISO_DURATION_UNITS = Pattern.compile(
            "^\\s*-?\\s*(\\d+\\s*(ns|us|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\\s*)+$");
    private static final Pattern BSON_OBJECT_ID = Pattern.compile("^[0-9a-fA-F]{24}$");

    private Formats() {
    }

    /** True when {@code value} is valid for {@code format}, or the format is not one kube-openapi checks. */
    static boolean valid(String format, String value) {
        return switch (format) {
            case "hostname" -> hostname(value);
            case "ipv4" -> Ipv4.parse(value) != null;
            case "ipv6" -> ipv6(value);
            case "cidr" -> cidr(value);
            case "mac" -> MAC.matches(value);
            case "uuid" -> UUID.matches(value);
            case "uuid3" -> UUID3.matches(value);
            case "uuid4" -> UUID4.matches(value);
            case "uuid5" -> UUID5.matches(value);
            case "email" -> EMAIL.matches(value);
            case "uri" -> uri(value);
            case "byte" -> base64(value);
            case "date" -> date(value);
            case "date-time", "datetime" -> DATE_TIME.matches(value) && date(value.substring(0, 10));
            case "duration" -> GO_DURATION.matches(value) || ISO_DURATION_UNITS.matches(value);
            case "hexcolor" -> HEX_COLOR.matches(value);
            case "rgbcolor" -> RGB_COLOR.matches(value);
            case "bsonobjectid" -> BSON_OBJECT_ID.matches(value);
            default -> true;
        };
    }

    private static boolean hostname(String value) {
        if (!HOSTNAME.matches(value) || value.length() > 255) {
            return false;
        }
        for (String label : value.split("\\.", -1)) {
            if (label.length() > 63) {
                return false;
            }
        }
        return true;
    }

    /** An IPv6 literal (govalidator: parses as an IP and contains a colon). */
    private static boolean ipv6(String value) {
        if (!value.contains(":") || value.contains("%") || value.isEmpty()
                || !value.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return false;
        }
        try {
            java.net.InetAddress.getByName("[" + value + "]");
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static boolean cidr(String value) {
        int slash = value.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String address = value.substring(0, slash);
        String bits = value.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)) {
            return false;
        }
        int prefix = Integer.parseInt(bits);
        if (Ipv4.parse(address) != null) {
            return prefix <= 32;
        }
        return ipv6(address) && prefix <= 128;
    }

    /** govalidator's IsRequestURI: an absolute URI or an absolute path. */
    private static boolean uri(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() || value.startsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean base64(String value) {
        try {
            Base64.getDecoder().decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean date(String value) {
        if (!DATE.matches(value)) {
            return false;
        }
        try {
            LocalDate.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

}
