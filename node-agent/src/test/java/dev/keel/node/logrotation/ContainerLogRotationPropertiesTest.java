package dev.keel.node.logrotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The kubelet's defaults and checks of containerLogMaxSize and containerLogMaxFiles. */
class ContainerLogRotationPropertiesTest {

    @Test
    void defaultsAreTheKubelets() {
        LogRotationPolicy policy = new ContainerLogRotationProperties().policy();
        assertThat(policy.maxSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(policy.maxFiles()).isEqualTo(5);
    }

    @Test
    void sizesAreQuantities() {
        ContainerLogRotationProperties properties = new ContainerLogRotationProperties();
        properties.setContainerLogMaxSize("64Ki");
        assertThat(properties.policy().maxSize()).isEqualTo(65536);
        properties.setContainerLogMaxSize("1M");
        assertThat(properties.policy().maxSize()).isEqualTo(1_000_000);
        properties.setContainerLogMaxSize("-1");
        assertThat(properties.policy().enabled()).isFalse();
    }

    @Test
    void badValuesNameTheSetting() {
        ContainerLogRotationProperties properties = new ContainerLogRotationProperties();
        properties.setContainerLogMaxSize("ten megabytes");
        assertThatThrownBy(properties::policy).hasMessageContaining("keel.node.container-log-max-size")
            .hasMessageContaining("ten megabytes").satisfies(e -> assertThat(e.getCause()).isNotNull());
        properties.setContainerLogMaxSize("10Mi");
        properties.setContainerLogMaxFiles(1);
        assertThatThrownBy(properties::policy).hasMessage("keel.node.container-log-max-files must be > 1, not 1");
    }
}
