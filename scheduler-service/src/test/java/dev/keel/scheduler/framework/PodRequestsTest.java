package dev.keel.scheduler.framework;

import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.testing.PodMaker;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodRequestsTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no requests", pod("p"), 0, 0),
                Arguments.of("containers are summed", pod("p").requesting("cpu", "100m", "memory", "1Mi").requesting("cpu", "200m", "memory", "2Mi"), 300, 3),
                Arguments.of("a larger init container wins", pod("p").requesting("cpu", "100m").initRequesting("cpu", "500m", "memory", "1Mi"), 500, 1),
                Arguments.of("init containers count by max, not sum", pod("p").initRequesting("cpu", "300m").initRequesting("cpu", "200m").requesting("cpu", "100m"), 300, 0),
                Arguments.of("overhead is added", pod("p").requesting("cpu", "100m", "memory", "1Mi").overhead("cpu", "50m", "memory", "1Mi"), 150, 2),
                Arguments.of("sidecars run beside containers", pod("p").sidecarRequesting("cpu", "100m").requesting("cpu", "200m"), 300, 0),
                Arguments.of("init after a sidecar counts with it", pod("p").sidecarRequesting("cpu", "100m").initRequesting("cpu", "500m").requesting("cpu", "100m"), 600, 0),
                Arguments.of("whole cpus become millicores", pod("p").requesting("cpu", "2"), 2000, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void countsAsKubernetes(String name, PodMaker pod, long milliCpu, long mebibytes) {
        Resources requests = PodRequests.of(pod.build());

        assertThat(requests.milliCpu()).isEqualTo(milliCpu);
        assertThat(requests.memory()).isEqualTo(mebibytes * 1024 * 1024);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void nonZeroNeverBelowTheDefaults(String name, PodMaker pod, long milliCpu, long mebibytes) {
        Resources requests = PodRequests.nonZero(pod.build());

        assertThat(requests.milliCpu()).isGreaterThanOrEqualTo(Math.min(milliCpu, PodRequests.DEFAULT_MILLI_CPU));
        assertThat(requests.milliCpu()).isPositive();
        assertThat(requests.memory()).isPositive();
    }

    @org.junit.jupiter.api.Test
    void extendedResourcesAreScalars() {
        Resources requests = PodRequests.of(pod("gpu").requesting("nvidia.com/gpu", "2").build());

        assertThat(requests.scalar("nvidia.com/gpu")).isEqualTo(2);
    }
}
