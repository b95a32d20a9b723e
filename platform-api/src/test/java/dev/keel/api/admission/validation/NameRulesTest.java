package dev.keel.api.admission.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NameRulesTest {

    private static final String LABEL_RULE = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters "
            + "or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
            + "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    static Stream<Arguments> rules() {
        Function<String, List<String>> label = NameRules::dns1123Label;
        Function<String, List<String>> subdomain = NameRules::dns1123Subdomain;
        Function<String, List<String>> dns1035 = NameRules::dns1035Label;
        Function<String, List<String>> qualified = NameRules::qualifiedName;
        Function<String, List<String>> labelValue = NameRules::labelValue;
        Function<String, List<String>> portName = NameRules::portName;
        Function<String, List<String>> envName = NameRules::envVarName;
        Function<String, List<String>> configKey = NameRules::configMapKey;
        return Stream.of(
                arguments("label", label, "my-name", List.of()),
                arguments("label", label, "My_Name", List.of(LABEL_RULE)),
                arguments("label", label, "a".repeat(64), List.of("must be no more than 63 characters")),
                arguments("subdomain", subdomain, "web.example.com", List.of()),
                arguments("subdomain", subdomain, "web..example", List.of("a lowercase RFC 1123 subdomain must consist of lower "
                        + "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. "
                        + "'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
                arguments("dns1035", dns1035, "1web", List.of("a DNS-1035 label must consist of lower case alphanumeric "
                        + "characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. "
                        + "'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')")),
                arguments("qualified", qualified, "example.com/My.Name_1", List.of()),
                arguments("qualified", qualified, "/name", List.of("prefix part must be non-empty")),
                arguments("qualified", qualified, "example.com/", List.of("name part must be non-empty",
                        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                                + "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation "
                                + "is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')")),
                arguments("qualified", qualified, "a/b/c", List.of("a qualified name must consist of alphanumeric characters, "
                        + "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
                        + "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an "
                        + "optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')")),
                arguments("label value", labelValue, "", List.of()),
                arguments("label value", labelValue, "v".repeat(64), List.of("must be no more than 63 characters")),
                arguments("port name", portName, "http-alt", List.of()),
                arguments("port name", portName, "web_port", List.of("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
                arguments("port name", portName, "8080", List.of("must contain at least one letter (a-z)")),
                arguments("port name", portName, "a--b", List.of("must not contain consecutive hyphens")),
                arguments("port name", portName, "-web", List.of("must not begin or end with a hyphen")),
                arguments("port name", portName, "metrics-exporter", List.of("must be no more than 15 characters")),
                arguments("env name", envName, "MY.var-1", List.of()),
                arguments("env name", envName, "A=B", List.of("a valid environment variable name must consist only of printable "
                        + "ASCII characters other than '='")),
                arguments("config key", configKey, "app.properties", List.of()),
                arguments("config key", configKey, "..data", List.of("must not start with '..'")));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("rules")
    void reportsProblemsInKubernetesWords(String rule, Function<String, List<String>> check, String value, List<String> problems) {
        assertThat(check.apply(value)).containsExactlyElementsOf(problems);
    }

    @Test
    void generateNamesMayEndWithADash() {
        assertThat(NameRule.DNS_SUBDOMAIN.check("web-", true)).isEmpty();
        assertThat(NameRule.DNS_SUBDOMAIN.check("web-", false)).isNotEmpty();
        assertThat(NameRule.DNS_1035_LABEL.check("1web-", true)).isNotEmpty();
    }

    @Test
    void addressesAreCheckedWithoutLookups() {
        assertThat(NameRules.ip("10.96.0.1")).isEmpty();
        assertThat(NameRules.ip("fd00::1")).isEmpty();
        assertThat(NameRules.ip("10.96.0.256")).containsExactly("must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)");
        assertThat(NameRules.ip("example.com")).isNotEmpty();
    }
}
