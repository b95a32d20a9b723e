package dev.keel.api.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.status.ApiException;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The default refused ranges match kube-apiserver's IsProxyableIP (global unicast only); a test may opt in. */
class ProxyableAddressesTest {

    private final ProxyableAddresses defaults = new ProxyableAddresses(new ProxyProperties()::getRefusedRanges);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "169.254.169.254", "0.0.0.0", "224.0.0.1", "239.1.2.3",
        "255.255.255.255", "::1", "::", "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:169.254.169.254"})
    void refusesWhatKubeApiserverRefuses(String ip) {
        assertThatThrownBy(() -> defaults.checkIp(ip)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status().getCode()).isEqualTo(400);
            assertThat(e.status().getMessage()).isEqualTo("address not allowed");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.244.1.5", "10.200.0.2", "192.168.1.1", "8.8.8.8", "2001:db8::1", "fd00::1"})
    void allowsGlobalUnicastAddresses(String ip) {
        assertThatCode(() -> defaults.checkIp(ip)).doesNotThrowAnyException();
    }

    @Test
    void aNameIsNotAPodAddress() {
        assertThatThrownBy(() -> defaults.checkIp("localhost")).hasMessage("address not allowed");
        assertThatThrownBy(() -> defaults.checkIp("")).hasMessage("address not allowed");
    }

    @Test
    void aHostNameIsCheckedByWhatItResolvesTo() {
        assertThatThrownBy(() -> defaults.checkHost("localhost")).hasMessage("address not allowed");
        assertThatCode(() -> defaults.checkHost("10.200.0.2")).doesNotThrowAnyException();
    }

    @Test
    void aTestWhoseAgentsListenOnLoopbackMayOptIn() {
        ProxyProperties properties = new ProxyProperties();
        properties.setRefusedRanges(List.of("169.254.0.0/16"));
        ProxyableAddresses loopbackAllowed = new ProxyableAddresses(properties::getRefusedRanges);

        assertThatCode(() -> loopbackAllowed.checkIp("127.0.0.1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> loopbackAllowed.checkIp("169.254.169.254")).hasMessage("address not allowed");
    }

    @Test
    void rangesMatchByPrefix() throws Exception {
        AddressRange range = AddressRange.parse("fe80::/10");
        assertThat(range.contains(InetAddress.getByName("febf::1"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("fec0::1"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("169.254.0.1"))).isFalse();
        assertThatThrownBy(() -> AddressRange.parse("10.0.0.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("localhost/8")).isInstanceOf(IllegalArgumentException.class);
    }
}
