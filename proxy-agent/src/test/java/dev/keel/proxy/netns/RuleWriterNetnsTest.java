package dev.keel.proxy.netns;

import static dev.keel.proxy.testing.PortBuilder.port;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.proxy.netfilter.CommandRunner;
import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.SyncScope;
import dev.keel.proxy.rules.iptables.IptablesRuleWriter;
import dev.keel.proxy.rules.nftables.NftablesRuleWriter;
import dev.keel.proxy.service.ProxiedPort;
import dev.keel.proxy.service.ProxyState;
import dev.keel.proxy.testing.RandomServices;
import dev.keel.proxy.testing.RuleListings;
import dev.keel.proxy.testing.SampleStates;
import dev.keel.proxy.testing.TestNetwork;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both rule writers against the kernel, in a node namespace of the test's own with two pods serving
 * "pod-a" and "pod-b". Needs root and the iptables, nftables and busybox-static packages, as CI has.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuleWriterNetnsTest {

    private static final int REQUESTS = 200;
    private static final String CLUSTER_URL = "http://10.96.0.10:80/";
    private static final String NODE_PORT_URL = "http://" + TestNetwork.NODE_IP + ":30080/";

    private TestNetwork network;

    @BeforeAll
    void createNetwork() throws Exception {
        network = TestNetwork.create("pod-a", "pod-b");
        network.awaitServers(2);
    }

    @AfterAll
    void removeNetwork() {
        if (network != null) {
            network.close();
        }
    }

    @AfterEach
    void removeRules() {
        writer("iptables").cleanup();
        writer("nftables").cleanup();
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void clusterIpAndNodePortSpreadConnectionsOverBothEndpoints(String mode) {
        writer(mode).sync(state(web("10.244.1.2:80", "10.244.1.3:80")), SyncScope.FULL);

        for (String url : List.of(CLUSTER_URL, NODE_PORT_URL)) {
            Map<String, Long> answers = count(network.request(url, REQUESTS));
            assertThat(answers.keySet()).as(url).containsExactlyInAnyOrder("pod-a", "pod-b");
            // 200 fair coin flips land outside 60..140 with a probability below 1e-8.
            assertThat(answers.values()).as(url + " " + answers).allMatch(n -> n >= 60 && n <= 140);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void anEndpointThatTurnsNotReadyStopsGettingConnections(String mode) {
        RuleWriter writer = writer(mode);
        writer.sync(state(web("10.244.1.2:80", "10.244.1.3:80")), SyncScope.FULL);
        writer.sync(state(web("10.244.1.2:80")), SyncScope.CHANGES);

        assertThat(count(network.request(CLUSTER_URL, 50))).isEqualTo(Map.of("pod-a", 50L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void aServiceWithoutEndpointsRefusesConnectionsAtOnce(String mode) {
        ProxiedPort empty = port("default", "empty").clusterIp("10.96.0.20", 80).nodePort(30081).build();
        writer(mode).sync(state(empty), SyncScope.FULL);

        assertThat(network.request("http://10.96.0.20:80/", 1)).singleElement().asString()
                .contains("Connection refused");
        assertThat(network.request("http://" + TestNetwork.NODE_IP + ":30081/", 1)).singleElement().asString()
                .contains("Connection refused");
    }

    @Test
    void anAddressOfTheServiceRangeWithoutRulesGoesToThePortlessBridge() {
        String route = network.nodeRunner().runChecked(List.of("ip", "route", "get", "10.96.7.7"), "");

        assertThat(route).contains("dev svc0");
        // Nothing answers: the bridge has no ports, and nothing leaves by another way.
        assertThat(network.request("http://10.96.7.7:80/", 1)).contains("timed out").noneMatch(answer ->
                answer.startsWith("pod-"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void clientIpAffinityKeepsAClientOnOneEndpoint(String mode) {
        ProxiedPort sticky = port("default", "web").clusterIp("10.96.0.10", 80).affinity(600)
                .endpoints("10.244.1.2:80", "10.244.1.3:80").build();
        writer(mode).sync(state(sticky), SyncScope.FULL);

        assertThat(count(network.request(CLUSTER_URL, 50))).hasSize(1).containsValue(50L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void aNewWriterCleansUpWhatAnEarlierRunLeft(String mode) {
        writer(mode).sync(SampleStates.mixed(), SyncScope.FULL);
        assertThat(ownObjects(mode)).isNotEmpty();

        writer(mode).cleanup();

        assertThat(ownObjects(mode)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"iptables, FULL", "iptables, CHANGES", "nftables, FULL", "nftables, CHANGES"})
    void aSyncRemovesTheRulesOfADeletedService(String mode, SyncScope scope) {
        ProxiedPort onlyWeb = web("10.244.1.2:80");
        RuleWriter writer = writer(mode);
        writer.sync(SampleStates.mixed(), SyncScope.FULL);
        writer.sync(state(onlyWeb), scope);

        assertThat(ownObjects(mode)).isEqualTo(snapshotAfterCleanSync(mode, onlyWeb));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void theFirstSyncAfterARestartRemovesWhatTheEarlierRunLeft(String mode) {
        ProxiedPort onlyWeb = web("10.244.1.2:80");
        writer(mode).sync(SampleStates.mixed(), SyncScope.FULL);

        writer(mode).sync(state(onlyWeb), SyncScope.FULL);

        assertThat(ownObjects(mode)).isEqualTo(snapshotAfterCleanSync(mode, onlyWeb));
        assertThat(count(network.request(CLUSTER_URL, 10))).isEqualTo(Map.of("pod-a", 10L));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iptables", "nftables"})
    void manyPartialSyncsLeaveTheSameRulesAsOneFullSync(String mode) {
        RandomServices services = new RandomServices(6);
        RuleWriter writer = writer(mode);
        writer.sync(services.next(), SyncScope.FULL);
        ProxyState last = null;
        for (int i = 0; i < 40; i++) {
            last = services.next();
            assertThat(writer.sync(last, SyncScope.CHANGES).scope()).isEqualTo(SyncScope.CHANGES);
        }

        assertThat(ownObjects(mode)).isEqualTo(snapshotAfterCleanSync(mode, last));
    }

    private String snapshotAfterCleanSync(String mode, ProxiedPort port) {
        return snapshotAfterCleanSync(mode, state(port));
    }

    private String snapshotAfterCleanSync(String mode, ProxyState state) {
        RuleWriter writer = writer(mode);
        writer.cleanup();
        writer.sync(state, SyncScope.FULL);
        return ownObjects(mode);
    }

    /** The proxy's objects as the kernel lists them, in an order that does not depend on when each was made. */
    private String ownObjects(String mode) {
        CommandRunner node = network.nodeRunner();
        if (mode.equals("iptables")) {
            return RuleListings.iptables(node.runChecked(List.of("iptables-save"), ""));
        }
        return node.runChecked(List.of("nft", "list", "tables"), "").contains("keel-proxy")
                ? RuleListings.nftables(node.runChecked(List.of("nft", "list", "table", "ip", "keel-proxy"), ""))
                : "";
    }

    private RuleWriter writer(String mode) {
        CommandRunner runner = network.nodeRunner();
        return mode.equals("iptables")
                ? new IptablesRuleWriter(runner, SampleStates.SETTINGS)
                : new NftablesRuleWriter(runner, SampleStates.SETTINGS, "keel-proxy");
    }

    private static ProxiedPort web(String... endpoints) {
        return port("default", "web").clusterIp("10.96.0.10", 80).nodePort(30080).endpoints(endpoints).build();
    }

    private static ProxyState state(ProxiedPort... ports) {
        return ProxyState.of(List.of(ports));
    }

    private static Map<String, Long> count(List<String> answers) {
        return answers.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
