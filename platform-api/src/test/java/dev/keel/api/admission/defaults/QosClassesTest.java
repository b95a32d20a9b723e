package dev.keel.api.admission.defaults;

import static dev.keel.api.admission.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QosClassesTest {

    static Stream<Arguments> classes() {
        return Stream.of(
                arguments("nothing requested", Map.of(), Map.of(), "BestEffort"),
                arguments("only extended resources", Map.of("example.com/gpu", "1"), Map.of(), "BestEffort"),
                arguments("requests only", Map.of("cpu", "100m"), Map.of(), "Burstable"),
                arguments("limits equal requests", Map.of("cpu", "1", "memory", "1Gi"), Map.of("cpu", "1000m", "memory", "1Gi"), "Guaranteed"),
                arguments("cpu limit only", Map.of("cpu", "1"), Map.of("cpu", "1"), "Burstable"),
                arguments("requests below limits", Map.of("cpu", "500m", "memory", "1Gi"), Map.of("cpu", "1", "memory", "1Gi"), "Burstable"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("classes")
    void classifiesBySpecifiedResources(String title, Map<String, String> requests, Map<String, String> limits, String expected) {
        PodSpec spec = pod().container("web", "nginx").withContainer(c -> {
            ResourceRequirements resources = new ResourceRequirements();
            requests.forEach((name, amount) -> resources.getRequests().put(name, new Quantity(amount)));
            limits.forEach((name, amount) -> resources.getLimits().put(name, new Quantity(amount)));
            c.setResources(resources);
        }).build().getSpec();

        assertThat(QosClasses.of(spec)).isEqualTo(expected);
    }
}
