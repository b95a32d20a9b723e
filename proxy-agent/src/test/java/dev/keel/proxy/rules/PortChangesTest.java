package dev.keel.proxy.rules;

import static dev.keel.proxy.testing.PortBuilder.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.testing.SampleStates;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortChangesTest {

    @Test
    void listsNewAndChangedPortsAsWantedAndTheOldVersionsOfChangedAndRemovedOnes() {
        PortChanges changes = PortChanges.between(SampleStates.mixed(), SampleStates.mixedChanged());

        assertThat(changes.written()).extracting(ProxiedPort::displayName)
                .containsExactly("default/web:http", "shop/empty", "shop/new");
        assertThat(changes.superseded()).extracting(ProxiedPort::displayName)
                .containsExactlyInAnyOrder("default/web:http", "shop/empty", "shop/cart");
        assertThat(changes.count()).isEqualTo(4);
    }

    @Test
    void findsNothingBetweenEqualStates() {
        PortChanges changes = PortChanges.between(SampleStates.mixed(), SampleStates.mixed());

        assertThat(changes.written()).isEmpty();
        assertThat(changes.superseded()).isEmpty();
        assertThat(changes.count()).isZero();
    }

    @Test
    void seesAChangedNodePortOrAffinityAsAChange() {
        ProxiedPort web = port("default", "web").endpoints("10.244.1.2:80").build();
        ProxyState before = ProxyState.of(List.of(web));

        assertThat(PortChanges.between(before, ProxyState.of(List.of(port("default", "web").nodePort(30080)
                .endpoints("10.244.1.2:80").build()))).count()).isEqualTo(1);
        assertThat(PortChanges.between(before, ProxyState.of(List.of(port("default", "web").affinity(60)
                .endpoints("10.244.1.2:80").build()))).count()).isEqualTo(1);
    }
}
