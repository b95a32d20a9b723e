package dev.keel.proxy.rules.nftables;

import static dev.keel.proxy.testing.PortBuilder.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.proxy.rules.PortChanges;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.testing.Golden;
import dev.keel.proxy.testing.SampleStates;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NftablesRendererTest {

    private final NftablesRenderer renderer = new NftablesRenderer(SampleStates.SETTINGS, "keel-proxy");

    @Test
    void rendersClusterIpNodePortUdpAffinityAndRejects() {
        Golden.assertMatches("nftables/mixed.nft", renderer.render(SampleStates.mixed(), Set.of(), Set.of()).text());
    }

    @Test
    void deletesChainsAndSetsOfTheLastSyncThatAreNoLongerWanted() {
        NftablesBatch first = renderer.render(SampleStates.mixed(), Set.of(), Set.of());
        ProxyState onlyWeb = ProxyState.of(List.of(port("default", "web").named("http")
                .clusterIp("10.96.0.10", 80).endpoints("10.244.1.2:8080").build()));
        Golden.assertMatches("nftables/after-removal.nft",
                renderer.render(onlyWeb, first.chains(), first.sets()).text());
    }

    @Test
    void aPartialTransactionChangesMapElementsAndOnlyTheChainsOfChangedPorts() {
        NftablesBatch first = renderer.render(SampleStates.mixed(), Set.of(), Set.of());
        PortChanges changes = PortChanges.between(SampleStates.mixed(), SampleStates.mixedChanged());

        NftablesBatch partial = renderer.renderChanges(changes, first.chains(), first.sets());

        Golden.assertMatches("nftables/changes.nft", partial.text());
        NftablesBatch full = renderer.render(SampleStates.mixedChanged(), first.chains(), first.sets());
        assertThat(partial.chains()).containsExactlyInAnyOrderElementsOf(full.chains());
        assertThat(partial.sets()).containsExactlyInAnyOrderElementsOf(full.sets());
    }

    @Test
    void aPartialTransactionWithoutChangesIsEmpty() {
        NftablesBatch first = renderer.render(SampleStates.mixed(), Set.of(), Set.of());
        PortChanges none = PortChanges.between(SampleStates.mixed(), SampleStates.mixed());

        NftablesBatch partial = renderer.renderChanges(none, first.chains(), first.sets());

        assertThat(partial.text()).isEqualTo("add table ip keel-proxy\n");
        assertThat(partial.rules()).isZero();
    }

    @Test
    void givesEachOfNEndpointsAnEqualShareWithoutAnonymousMaps() {
        ProxyState state = ProxyState.of(List.of(port("default", "web")
                .endpoints("10.244.1.1:80", "10.244.1.2:80", "10.244.1.3:80").build()));
        String text = renderer.render(state, Set.of(), Set.of()).text();
        assertThat(text.lines().filter(line -> line.contains(" goto ep-")))
                .hasSize(3)
                .satisfiesExactly(
                        first -> assertThat(first).contains("numgen random mod 3 == 0 goto ep-", "10.244.1.1/80"),
                        second -> assertThat(second).contains("numgen random mod 2 == 0 goto ep-", "10.244.1.2/80"),
                        third -> assertThat(third).doesNotContain("numgen").contains("10.244.1.3/80"));
        assertThat(text).doesNotContain("vmap {");
    }

    @Test
    void neverFlushesAffinitySets() {
        assertThat(renderer.render(SampleStates.mixed(), Set.of(), Set.of()).text())
                .contains("add set ip keel-proxy affinity-")
                .doesNotContain("flush set");
    }
}
