package dev.keel.node;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.node.logrotation.ContainerLogRotationProperties;
import org.junit.jupiter.api.Test;

class NodeAgentConfigurationTest {

    @Test
    void logsAreRotatedOnlyOnARealRuntime() {
        ContainerLogRotationProperties rotation = new ContainerLogRotationProperties();
        NodeAgentProperties properties = new NodeAgentProperties();
        assertThat(NodeAgentConfiguration.rotationPolicy(properties, rotation).enabled()).as("cri").isTrue();
        properties.getRuntime().setType("simulated");
        assertThat(NodeAgentConfiguration.rotationPolicy(properties, rotation).enabled()).as("simulated").isFalse();
    }
}
