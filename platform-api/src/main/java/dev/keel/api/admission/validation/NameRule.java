package dev.keel.api.admission.validation;

import java.util.List;
import java.util.function.Function;

/** Which syntax a kind's object names must follow. */
public enum NameRule {

    /** Most kinds: a dotted DNS name of up to 253 characters. */
    DNS_SUBDOMAIN(NameRules::dns1123Subdomain),
    /** Namespaces and stateful sets (whose pods take their name as a hostname). */
    DNS_LABEL(NameRules::dns1123Label),
    /** Services, whose names become DNS labels and environment variable prefixes. */
    DNS_1035_LABEL(NameRules::dns1035Label);

    private final Function<String, List<String>> rule;

    NameRule(Function<String, List<String>> rule) {
        this.rule = rule;
    }

    /**
     * Problems with {@code name}; with {@code prefix} it is a generateName, to which random characters are
     * appended, so a trailing dash is acceptable.
     */
    public List<String> check(String name, boolean prefix) {
        return rule.apply(prefix ? maskTrailingDash(name) : name);
    }

    private static String maskTrailingDash(String name) {
        // Kubernetes replaces the last two characters by one letter here; keeping that keeps its length limits.
        if (name.length() > 1 && name.endsWith("-")) {
            return name.substring(0, name.length() - 2) + "a";
        }
        return name;
    }
}
