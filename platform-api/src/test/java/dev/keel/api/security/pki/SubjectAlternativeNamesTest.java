package dev.keel.api.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;

class SubjectAlternativeNamesTest {

    @Test
    void ipLiteralsBecomeAddressesAndTheRestDnsNames() {
        List<GeneralName> names = SubjectAlternativeNames.parse(List.of("10.96.0.1", "Kubernetes.Default", "[fd00::1]",
                "*.apps.example.com", "10.96.0.1"));

        assertThat(names).extracting(GeneralName::getTagNo)
                .containsExactly(GeneralName.iPAddress, GeneralName.dNSName, GeneralName.iPAddress, GeneralName.dNSName);
        assertThat(names).extracting(SubjectAlternativeNames::describe)
                .containsExactly("10.96.0.1", "kubernetes.default", "fd00:0:0:0:0:0:0:1", "*.apps.example.com");
    }

    @Test
    void rejectsWhatIsNeitherAddressNorName() {
        assertThatThrownBy(() -> SubjectAlternativeNames.parse("300.1.1.1")).hasMessageContaining("not a valid IPv4 address");
        assertThatThrownBy(() -> SubjectAlternativeNames.parse("fd00::zz")).hasMessageContaining("not a valid IP address");
        assertThatThrownBy(() -> SubjectAlternativeNames.parse("bad name")).hasMessageContaining("neither an IP address nor a DNS name");
        assertThatThrownBy(() -> SubjectAlternativeNames.parse(" ")).hasMessageContaining("neither");
    }
}
