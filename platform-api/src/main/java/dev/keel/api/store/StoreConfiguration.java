package dev.keel.api.store;

import io.etcd.jetcd.Client;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EtcdProperties.class)
public class StoreConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public RevisionedStore revisionedStore(EtcdProperties properties, MeterRegistry meters) {
        Client client = Client.builder()
                .endpoints(properties.getEndpoints().toArray(String[]::new))
                .build();
        return new EtcdStore(client, properties.getRequestTimeout(), properties.getMaxValueBytes(), meters);
    }
}
