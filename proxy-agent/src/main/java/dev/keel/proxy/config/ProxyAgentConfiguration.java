package dev.keel.proxy.config;

import dev.keel.proxy.netfilter.CommandRunner;
import dev.keel.proxy.netfilter.ServiceRangeRoute;
import dev.keel.proxy.rules.RuleSettings;
import dev.keel.proxy.rules.RuleWriter;
import dev.keel.proxy.rules.iptables.IptablesRuleWriter;
import dev.keel.proxy.rules.nftables.NftablesRuleWriter;
import dev.keel.proxy.sync.ProxyMetrics;
import dev.keel.proxy.sync.ProxySyncLoop;
import dev.keel.proxy.watch.CachedProxyState;
import dev.keel.proxy.watch.ProxyAgent;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.health.RuntimeHealth;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the proxy: the rule writer the mode names, the sync loop fed by the informers, and its metrics. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyProperties.class)
public class ProxyAgentConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    CommandRunner commandRunner(ProxyProperties properties) {
        return new CommandRunner(properties.getCommandPrefix());
    }

    @Bean
    @ConditionalOnMissingBean
    RuleWriter ruleWriter(ProxyProperties properties, CommandRunner runner) {
        RuleSettings settings = new RuleSettings(properties.getClusterCidr(), 1 << properties.getMasqueradeBit());
        return switch (properties.getMode()) {
            case IPTABLES -> new IptablesRuleWriter(runner, settings);
            case NFTABLES -> new NftablesRuleWriter(runner, settings, properties.getNftablesTable());
        };
    }

    @Bean(destroyMethod = "")
    Informers proxyInformers(KubernetesClient client, RuntimeHealth health) {
        // The sync loop's own resync covers drift; informer resyncs would only add events.
        Informers informers = new Informers(client, Duration.ZERO);
        // /actuator/health: DOWN when the Service or EndpointSlice cache stays unsynced past keel.health's bound.
        health.informers(informers);
        return informers;
    }

    @Bean(destroyMethod = "")
    ProxySyncLoop proxySyncLoop(RuleWriter writer, Informers informers, MeterRegistry registry, Clock clock,
                                ProxyProperties properties) {
        return new ProxySyncLoop(writer, new CachedProxyState(informers), new ProxyMetrics(registry, writer.mode()),
                clock, properties.getMinSyncInterval(), properties.getResyncPeriod());
    }

    @Bean
    ProxyAgent proxyAgent(Informers informers, ProxySyncLoop loop, CommandRunner runner,
                          ProxyProperties properties) {
        return new ProxyAgent(informers, loop, new ServiceRangeRoute(runner), properties);
    }
}
