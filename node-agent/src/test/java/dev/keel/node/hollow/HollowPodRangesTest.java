package dev.keel.node.hollow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HollowPodRangesTest {

    @ParameterizedTest
    @CsvSource({
        "100.64.0.0/10, 0, 100.64.0.0/24, 16384",
        "100.64.0.0/10, 1, 100.64.1.0/24, 16384",
        "100.64.0.0/10, 256, 100.65.0.0/24, 16384",
        "100.64.0.0/10, 16383, 100.127.255.0/24, 16384",
        "10.0.0.0/8, 256, 10.1.0.0/24, 65536",
        "192.168.7.0/24, 0, 192.168.7.0/24, 1",
    })
    void theIthSlash24OfTheRange(String cidr, int index, String expected, int size) {
        HollowPodRanges ranges = new HollowPodRanges(cidr);
        assertThat(ranges.range(index)).isEqualTo(expected);
        assertThat(ranges.size()).isEqualTo(size);
    }

    @ParameterizedTest
    @ValueSource(strings = {"100.64.0.0", "100.64.0.0/25", "100.64.0.0/7", "100.64.0.1/10", "100.64.0/10", "300.1.0.0/16"})
    void refusesWhatIsNotAUsableRange(String cidr) {
        assertThatThrownBy(() -> new HollowPodRanges(cidr)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(cidr.contains("/") ? "" : cidr);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 256})
    void refusesAnIndexOutsideTheRange(int index) {
        HollowPodRanges ranges = new HollowPodRanges("10.1.0.0/16");
        assertThatThrownBy(() -> ranges.range(index)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("256 /24s");
    }
}
