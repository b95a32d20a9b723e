package dev.keel.node.server;

import dev.keel.node.NodeAgentProperties;
import dev.keel.node.runtime.ContainerRuntime;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The agent's HTTPS endpoint, when {@code keel.node.server.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "keel.node.server.enabled", havingValue = "true")
public class NodeServerConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    NodeServer nodeServer(NodeAgentProperties properties, ContainerRuntime runtime, Clock clock) {
        return new NodeServer(properties.getServer(), properties.getName(), runtime, properties.getLogDirectory(),
            clock);
    }
}
