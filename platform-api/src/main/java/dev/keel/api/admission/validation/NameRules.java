package dev.keel.api.admission.validation;

import dev.keel.api.admission.Ipv4;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Kubernetes' syntax rules for names, keys and values. Each check returns the problems found, worded as
 * Kubernetes words them (so kubectl users see familiar messages); an empty list means the value is fine.
 */
public final class NameRules {

    public static final int LABEL_MAX = 63;
    public static final int SUBDOMAIN_MAX = 253;

    private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String SUBDOMAIN_FMT = LABEL_FMT + "(\\." + LABEL_FMT + ")*";
    private static final String DNS1035_FMT = "[a-z]([-a-z0-9]*[a-z0-9])?";
    private static final String QUALIFIED_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private static final String LABEL_VALUE_FMT = "(" + QUALIFIED_FMT + ")?";
    private static final String CONFIG_KEY_FMT = "[-._a-zA-Z0-9]+";
    private static final String PERCENT_FMT = "[0-9]+%";

    private static final Pattern LABEL = Pattern.compile(LABEL_FMT);
    private static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
    private static final Pattern DNS1035 = Pattern.compile(DNS1035_FMT);
    private static final Pattern QUALIFIED = Pattern.compile(QUALIFIED_FMT);
    private static final Pattern LABEL_VALUE = Pattern.compile(LABEL_VALUE_FMT);
    private static final Pattern CONFIG_KEY = Pattern.compile(CONFIG_KEY_FMT);
    private static final Pattern PERCENT = Pattern.compile(PERCENT_FMT);
    private static final Pattern PORT_NAME_CHARS = Pattern.compile("[-a-z0-9]+");
    private static final Pattern HAS_LETTER = Pattern.compile(".*[a-z].*");

    private static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric "
            + "characters or '-', and must start and end with an alphanumeric character";
    private static final String SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
            + "characters, '-' or '.', and must start and end with an alphanumeric character";
    private static final String DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', "
            + "start with an alphabetic character, and end with an alphanumeric character";
    private static final String QUALIFIED_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start "
            + "and end with an alphanumeric character";
    private static final String LABEL_VALUE_MSG = "a valid label must be an empty string or consist of alphanumeric "
            + "characters, '-', '_' or '.', and must start and end with an alphanumeric character";

    private NameRules() {
    }

    /** A name usable as one DNS label, e.g. a namespace or container name. */
    public static List<String> dns1123Label(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > LABEL_MAX) {
            problems.add(maxLength(LABEL_MAX));
        }
        if (!LABEL.matcher(value).matches()) {
            problems.add(regexError(LABEL_MSG, LABEL_FMT, "my-name", "123-abc"));
        }
        return problems;
    }

    /** A dotted DNS name, the rule for most object names. */
    public static List<String> dns1123Subdomain(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > SUBDOMAIN_MAX) {
            problems.add(maxLength(SUBDOMAIN_MAX));
        }
        if (!SUBDOMAIN.matcher(value).matches()) {
            problems.add(regexError(SUBDOMAIN_MSG, SUBDOMAIN_FMT, "example.com"));
        }
        return problems;
    }

    /** A DNS label that starts with a letter: service names, which become DNS names and environment variables. */
    public static List<String> dns1035Label(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > LABEL_MAX) {
            problems.add(maxLength(LABEL_MAX));
        }
        if (!DNS1035.matcher(value).matches()) {
            problems.add(regexError(DNS1035_MSG, DNS1035_FMT, "my-name", "abc-123"));
        }
        return problems;
    }

    /** A label, annotation or finalizer key: {@code [prefix/]name}. */
    public static List<String> qualifiedName(String value) {
        List<String> problems = new ArrayList<>();
        String[] parts = value.split("/", -1);
        String name;
        if (parts.length == 1) {
            name = parts[0];
        } else if (parts.length == 2) {
            String prefix = parts[0];
            name = parts[1];
            if (prefix.isEmpty()) {
                problems.add("prefix part must be non-empty");
            } else {
                dns1123Subdomain(prefix).forEach(problem -> problems.add("prefix part " + problem));
            }
        } else {
            problems.add("a qualified name " + regexError(QUALIFIED_MSG, QUALIFIED_FMT, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
            return problems;
        }
        if (name.isEmpty()) {
            problems.add("name part must be non-empty");
        } else if (name.length() > LABEL_MAX) {
            problems.add("name part " + maxLength(LABEL_MAX));
        }
        if (!QUALIFIED.matcher(name).matches()) {
            problems.add("name part " + regexError(QUALIFIED_MSG, QUALIFIED_FMT, "MyName", "my.name", "123-abc"));
        }
        return problems;
    }

    public static List<String> labelValue(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > LABEL_MAX) {
            problems.add(maxLength(LABEL_MAX));
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            problems.add(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
        }
        return problems;
    }

    /** An IANA service name, the rule for container port names. */
    public static List<String> portName(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > 15) {
            problems.add(maxLength(15));
        }
        if (!PORT_NAME_CHARS.matcher(value).matches()) {
            problems.add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }
        if (!HAS_LETTER.matcher(value).matches()) {
            problems.add("must contain at least one letter (a-z)");
        }
        if (value.contains("--")) {
            problems.add("must not contain consecutive hyphens");
        }
        if (!value.isEmpty() && (value.startsWith("-") || value.endsWith("-"))) {
            problems.add("must not begin or end with a hyphen");
        }
        return problems;
    }

    public static List<String> portNumber(long port) {
        return port >= 1 && port <= 65535 ? List.of() : List.of(inclusiveRange(1, 65535));
    }

    /** Environment variable names: any printable ASCII but '=' (Kubernetes' relaxed rule, on by default since 1.32). */
    public static List<String> envVarName(String value) {
        List<String> problems = new ArrayList<>();
        if (value.isEmpty()) {
            problems.add("environment variable name must be non-empty");
        }
        for (char c : value.toCharArray()) {
            if (c < 0x20 || c > 0x7e || c == '=') {
                problems.add("a valid environment variable name must consist only of printable ASCII characters other than '='");
                break;
            }
        }
        return problems;
    }

    /** A key of a ConfigMap or Secret, which becomes a file name. */
    public static List<String> configMapKey(String value) {
        List<String> problems = new ArrayList<>();
        if (value.length() > SUBDOMAIN_MAX) {
            problems.add(maxLength(SUBDOMAIN_MAX));
        }
        if (!CONFIG_KEY.matcher(value).matches()) {
            problems.add(regexError("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                    CONFIG_KEY_FMT, "key.name", "KEY_NAME", "key-name"));
        }
        if (value.equals(".")) {
            problems.add("must not be '.'");
        } else if (value.equals("..")) {
            problems.add("must not be '..'");
        } else if (value.startsWith("..")) {
            problems.add("must not start with '..'");
        }
        return problems;
    }

    public static List<String> percent(String value) {
        return PERCENT.matcher(value).matches() ? List.of()
                : List.of(regexError("a valid percent string must be a numeric string followed by an ending '%'",
                        PERCENT_FMT, "1%", "93%"));
    }

    public static List<String> ip(String value) {
        return Ipv4.parse(value) != null || isIpv6(value) ? List.of()
                : List.of("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
    }

    public static boolean isIpv6(String value) {
        if (!value.contains(":") || !value.matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            // A literal with ':' is parsed, never looked up.
            return InetAddress.getByName(value) instanceof Inet6Address;
        } catch (UnknownHostException notAnAddress) {
            return false;
        }
    }

    public static String maxLength(int length) {
        return "must be no more than " + length + " characters";
    }

    public static String inclusiveRange(long low, long high) {
        return "must be between " + low + " and " + high + ", inclusive";
    }

    private static String regexError(String message, String format, String... examples) {
        StringBuilder text = new StringBuilder(message).append(" (e.g. ");
        for (int i = 0; i < examples.length; i++) {
            if (i > 0) {
                text.append(" or ");
            }
            text.append('\'').append(examples[i]).append("', ");
        }
        return text.append("regex used for validation is '").append(format).append("')").toString();
    }
}
