package dev.keel.node;

import dev.keel.node.cri.CriRuntime;
import dev.keel.node.logrotation.ContainerLogManager;
import dev.keel.node.logrotation.ContainerLogRotationProperties;
import dev.keel.node.logrotation.ContainerLogRotator;
import dev.keel.node.logrotation.LogRotationPolicy;
import dev.keel.node.probe.Prober;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import dev.keel.runtime.health.RuntimeHealth;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The agent's beans: the clock, the runtime chosen by {@code keel.node.runtime.type}, and the agent itself (unless the
 * process runs hollow nodes, see {@link dev.keel.node.hollow.HollowNodeConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class NodeAgentConfiguration {

    /** One real node unless hollow nodes are asked for ({@code keel.node.hollow.count}). */
    static final String ONE_NODE = "${keel.node.hollow.count:0} == 0";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnExpression(ONE_NODE)
    ContainerRuntime containerRuntime(NodeAgentProperties properties, Clock clock) {
        NodeAgentProperties.Runtime runtime = properties.getRuntime();
        return switch (runtime.getType()) {
            case "cri" -> new CriRuntime(runtime.getCriSocket(), runtime.getCallTimeout(), runtime.getPullTimeout());
            case "simulated" -> new SimulatedRuntime(clock, SimulatedBehaviour.runForever(), properties.getPodCidr());
            default -> throw new IllegalArgumentException(
                "keel.node.runtime.type must be cri or simulated, not " + runtime.getType());
        };
    }

    /** A real node reaches its pods' addresses for HTTP and TCP probes; a hollow node has none to reach. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnExpression(ONE_NODE)
    Prober prober(ContainerRuntime runtime, NodeAgentProperties properties) {
        return new Prober(runtime, !"simulated".equals(properties.getRuntime().getType()));
    }

    /** Rotates the container logs of a real node; hollow and simulated nodes write none. */
    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(ONE_NODE)
    ContainerLogManager containerLogManager(ContainerRuntime runtime, ContainerLogRotationProperties rotation,
        NodeAgentProperties properties, Clock clock) {
        LogRotationPolicy policy = rotationPolicy(properties, rotation);
        return new ContainerLogManager(runtime, policy, new ContainerLogRotator(runtime, policy, clock),
            rotation.getContainerLogMonitorInterval());
    }

    @Bean(initMethod = "start", destroyMethod = "close")
    @ConditionalOnExpression(ONE_NODE)
    NodeAgent nodeAgent(KubernetesClient client, ContainerRuntime runtime, Prober prober, NodeAgentProperties properties,
        Clock clock, RuntimeHealth health) {
        NodeAgent agent = new NodeAgent(client, runtime, prober, properties, clock);
        agent.reportTo(health);
        return agent;
    }

    /**
     * Off for the simulated runtime: its containers write no log file, and "reopening" the missing one would create
     * an empty file, so that {@code kubectl logs} answered an empty body where the kubelet answers 404.
     */
    static LogRotationPolicy rotationPolicy(NodeAgentProperties properties, ContainerLogRotationProperties rotation) {
        return "simulated".equals(properties.getRuntime().getType()) ? LogRotationPolicy.OFF : rotation.policy();
    }
}
