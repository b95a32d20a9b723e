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
        // Unpaged lists of thousands of objects (5,000 nodes are ~5 MiB) exceed gRPC's default 4 MiB per response;
        // kube-apiserver lifts the same limit on its etcd client.
        Client client = Client.builder()
                .endpoints(properties.getEndpoints().toArray(String[]::new))
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
        return new EtcdStore(client, properties.getRequestTimeout(), properties.getMaxValueBytes(), meters);
    }
}
