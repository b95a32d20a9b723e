package dev.keel.node.hollow;

import dev.keel.node.NodeAgentProperties;
import dev.keel.node.simulated.SimulatedBehaviour;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** With {@code keel.node.hollow.count > 0} the process runs a fleet of hollow nodes instead of one real node. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(HollowNodeConfiguration.HOLLOW)
public class HollowNodeConfiguration {

    /** True when hollow nodes are asked for. */
    public static final String HOLLOW = "${keel.node.hollow.count:0} > 0";

    @Bean(initMethod = "start", destroyMethod = "close")
    HollowNodeFleet hollowNodeFleet(KubernetesClient client, NodeAgentProperties template, HollowNodeProperties hollow,
                                    Clock clock) {
        return new HollowNodeFleet(client, template, hollow, SimulatedBehaviour.runForever(), clock);
    }
}
