package dev.keel.api.admission.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AllocationRangesTest {

    @Test
    void serviceIpRangesSkipNetworkAndBroadcast() {
        ServiceIpRange range = ServiceIpRange.parse("10.96.0.0/16");

        assertThat(range.size()).isEqualTo(65534);
        assertThat(range.valueAt(0)).isEqualTo("10.96.0.1");
        assertThat(range.valueAt(range.size() - 1)).isEqualTo("10.96.255.254");
        assertThat(range.indexOf("10.96.0.0")).isEqualTo(-1);
        assertThat(range.indexOf("10.96.255.255")).isEqualTo(-1);
        assertThat(range.indexOf("10.97.0.1")).isEqualTo(-1);
        assertThat(range.indexOf("10.96.1.0")).isEqualTo(255);
        assertThat(range.dynamicStart()).isEqualTo(256);
        assertThat(range.describe()).isEqualTo("10.96.0.0/16");
    }

    @Test
    void serviceIpRangesAreNormalizedToTheirNetwork() {
        assertThat(ServiceIpRange.parse("10.96.3.7/16").describe()).isEqualTo("10.96.0.0/16");
        assertThat(ServiceIpRange.parse("192.168.10.0/29").size()).isEqualTo(6);
        assertThat(ServiceIpRange.parse("192.168.10.0/29").dynamicStart()).isZero();
        assertThat(ServiceIpRange.parse("192.168.10.0/24").dynamicStart()).isEqualTo(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.96.0.0", "10.96.0.0/31", "10.96.0.0/x", "fd00::/108", "10.96.0.0/4"})
    void badServiceIpRangesAreRefusedAtStartup(String cidr) {
        assertThatThrownBy(() -> ServiceIpRange.parse(cidr)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(cidr);
    }

    @Test
    void nodePortRangesAreInclusive() {
        NodePortRange range = NodePortRange.parse("30000-32767");

        assertThat(range.size()).isEqualTo(2768);
        assertThat(range.valueAt(0)).isEqualTo("30000");
        assertThat(range.indexOf("32767")).isEqualTo(2767);
        assertThat(range.indexOf("29999")).isEqualTo(-1);
        assertThat(range.indexOf("http")).isEqualTo(-1);
        assertThat(range.dynamicStart()).isEqualTo(86);
        assertThat(range.describe()).isEqualTo("30000-32767");
    }

    @ParameterizedTest
    @ValueSource(strings = {"32767-30000", "30000", "0-100", "30000-70000", "a-b"})
    void badNodePortRangesAreRefusedAtStartup(String range) {
        assertThatThrownBy(() -> NodePortRange.parse(range)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(range);
    }
}
