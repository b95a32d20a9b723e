package dev.keel.node.server;

import dev.keel.node.NodeAgentProperties;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.NodeAgent;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent's HTTPS endpoint, when {@code keel.node.server.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "keel.node.server.enabled", havingValue = "true")
public class NodeServerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    NodeServer nodeServer(NodeAgentProperties properties, ContainerRuntime runtime, Clock clock,
        ObjectProvider<NodeAgent> agent, ObjectProvider<PrometheusMeterRegistry> prometheus) {
        return new NodeServer(properties.getServer(), properties.getName(), runtime, properties.getLogDirectory(),
            clock, () -> Optional.ofNullable(agent.getIfAvailable()).map(NodeAgent::pods).orElse(List.of()),
            () -> Optional.ofNullable(prometheus.getIfAvailable()).map(PrometheusMeterRegistry::scrape));
    }
}
