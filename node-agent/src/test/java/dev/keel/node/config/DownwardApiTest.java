package dev.keel.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DownwardApiTest {

    private static final Container APP = new ContainerBuilder().withName("app").withNewResources()
        .addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("64Mi"))
        .addToLimits("cpu", new Quantity("1500m")).addToLimits("memory", new Quantity("128Mi")).endResources().build();
    private static final Container SIDE = new ContainerBuilder().withName("side").build();
    private static final Pod POD = new PodBuilder().withNewMetadata().withName("web").withNamespace("shop")
        .withUid("u1").addToLabels("tier", "front").addToLabels("app", "web")
        .addToAnnotations("note", "say \"hi\"\n\tbye\\").endMetadata()
        .withNewSpec().withContainers(APP, SIDE).withNodeName("node-1").endSpec().build();
    private static final Map<String, Quantity> ALLOCATABLE = Map.of("cpu", new Quantity("4"),
        "memory", new Quantity("8Gi"));

    @Test
    void labelsAndAnnotationsAreSortedQuotedLines() throws Exception {
        assertThat(DownwardApi.field(POD, "metadata.labels", null, null)).isEqualTo("app=\"web\"\ntier=\"front\"");
        assertThat(DownwardApi.field(POD, "metadata.annotations", null, null))
            .isEqualTo("note=\"say \\\"hi\\\"\\n\\tbye\\\\\"");
        assertThat(DownwardApi.field(POD, "metadata.labels['tier']", null, null)).isEqualTo("front");
        assertThat(DownwardApi.field(POD, "metadata.labels['absent']", null, null)).isEmpty();
        Map<String, String> none = new LinkedHashMap<>();
        assertThat(DownwardApi.formatMap(none)).isEmpty();
        assertThat(DownwardApi.quote("é\u0001")).isEqualTo("\"é\\x01\"");
    }

    @ParameterizedTest(name = "{0} of {1} / {2} = {3}")
    @CsvSource({
        "limits.cpu, app, , 2",
        "limits.cpu, app, 1m, 1500",
        "requests.cpu, app, 1m, 250",
        "requests.cpu, app, , 1",
        "limits.memory, app, 1Mi, 128",
        "requests.memory, app, , 67108864",
        "limits.memory, app, 1Gi, 1",
        "limits.cpu, side, , 4",
        "limits.memory, side, 1Mi, 8192",
        "requests.memory, side, , 0",
    })
    void resourcesAreDividedAndRoundedUpWithUnsetLimitsFromTheNode(String resource, String container, String divisor,
        String expected) throws Exception {
        ResourceFieldSelector selector = new ResourceFieldSelector(container, divisor == null ? null
            : new Quantity(divisor), resource);
        assertThat(DownwardApi.resource(POD, null, selector, ALLOCATABLE)).isEqualTo(expected);
        ResourceFieldSelector unnamed = new ResourceFieldSelector(null, divisor == null ? null : new Quantity(divisor),
            resource);
        Container current = "app".equals(container) ? APP : SIDE;
        assertThat(DownwardApi.resource(POD, current, unnamed, ALLOCATABLE)).as("env defaults the container")
            .isEqualTo(expected);
    }
}
