package dev.keel.runtime.client;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The fabric8 client every keel service uses to reach platform-api; a service may declare its own instead. */
@AutoConfiguration
@EnableConfigurationProperties(KubernetesClientProperties.class)
public class KubernetesClientAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    KubernetesClient kubernetesClient(KubernetesClientProperties properties) {
        return KubernetesClients.create(properties);
    }
}
