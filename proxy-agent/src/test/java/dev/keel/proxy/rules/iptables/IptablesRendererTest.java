package dev.keel.proxy.rules.iptables;

import static dev.keel.proxy.testing.PortBuilder.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.proxy.rules.PortChanges;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.testing.Golden;
import dev.keel.proxy.testing.SampleStates;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IptablesRendererTest {

    private final IptablesRenderer renderer = new IptablesRenderer(SampleStates.SETTINGS);

    @Test
    void rendersClusterIpNodePortUdpAffinityAndRejects() {
        Golden.assertMatches("iptables/mixed.txt", renderer.render(SampleStates.mixed(), Map.of()).text());
    }

    @Test
    void deletesChainsOfTheLastSyncThatAreNoLongerWanted() {
        IptablesBatch first = renderer.render(SampleStates.mixed(), Map.of());
        ProxyState onlyWeb = ProxyState.of(List.of(port("default", "web").named("http")
                .clusterIp("10.96.0.10", 80).endpoints("10.244.1.2:8080").build()));
        Golden.assertMatches("iptables/after-removal.txt", renderer.render(onlyWeb, first.chains()).text());
    }

    @Test
    void aPartialBatchRewritesTheLookupChainsAndOnlyTheChainsOfChangedPorts() {
        IptablesBatch first = renderer.render(SampleStates.mixed(), Map.of());
        PortChanges changes = PortChanges.between(SampleStates.mixed(), SampleStates.mixedChanged());

        IptablesBatch partial = renderer.renderChanges(changes, SampleStates.mixedChanged(), first.chains());

        Golden.assertMatches("iptables/changes.txt", partial.text());
        assertThat(partial.chains()).isEqualTo(renderer.render(SampleStates.mixedChanged(), first.chains()).chains());
    }

    @Test
    void aPartialBatchWithoutChangesWritesOnlyTheLookupChains() {
        IptablesBatch first = renderer.render(SampleStates.mixed(), Map.of());
        PortChanges none = PortChanges.between(SampleStates.mixed(), SampleStates.mixed());

        String text = renderer.renderChanges(none, SampleStates.mixed(), first.chains()).text();

        assertThat(text.lines().filter(line -> line.startsWith(":")))
                .containsExactly(":KEEL-SERVICES - [0:0]", ":KEEL-NODEPORTS - [0:0]", ":KEEL-SERVICES - [0:0]",
                        ":KEEL-EXTERNAL-SERVICES - [0:0]");
        assertThat(text).doesNotContain("-X ");
    }

    @Test
    void masqueradesAllServiceTrafficWithoutAClusterCidr() {
        IptablesRenderer noCidr = new IptablesRenderer(new RuleSettings("", 0x4000));
        ProxyState state = ProxyState.of(List.of(port("default", "web").endpoints("10.244.1.2:80").build()));
        assertThat(noCidr.render(state, Map.of()).text())
                .contains("-d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KEEL-MARK-MASQ\n")
                .doesNotContain("! -s");
    }

    @Test
    void givesEachOfNEndpointsAnEqualShare() {
        ProxyState state = ProxyState.of(List.of(port("default", "web")
                .endpoints("10.244.1.1:80", "10.244.1.2:80", "10.244.1.3:80", "10.244.1.4:80").build()));
        assertThat(renderer.render(state, Map.of()).text())
                .contains("--probability 0.2500000000 ", "--probability 0.3333333333 ",
                        "--probability 0.5000000000 ")
                .doesNotContain("--probability 1.0");
    }

    @Test
    void countsTheRulesItAppends() {
        IptablesBatch batch = renderer.render(SampleStates.mixed(), Map.of());
        long appended = batch.text().lines().filter(line -> line.startsWith("-A ")).count();
        assertThat(batch.rules()).isEqualTo(appended);
        assertThat(batch.chains().get("filter")).isEqualTo(Set.of("KEEL-SERVICES", "KEEL-EXTERNAL-SERVICES"));
    }
}
