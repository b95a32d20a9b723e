package dev.keel.api.admission.allocation;

import dev.keel.api.admission.AdmissionProperties;
import dev.keel.api.store.EtcdProperties;
import dev.keel.api.store.RevisionedStore;
import java.security.SecureRandom;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the service allocators. Allocation keys live next to the objects, under
 * {@code <keyPrefix>/ranges/serviceips/} and {@code <keyPrefix>/ranges/servicenodeports/}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
public class AllocationConfiguration {

    @Bean
    public ServiceAllocations serviceAllocations(RevisionedStore store, EtcdProperties etcd, AdmissionProperties properties) {
        SecureRandom random = new SecureRandom();
        RangeAllocator clusterIps = new RangeAllocator(store, etcd.getKeyPrefix() + "/ranges/serviceips/",
                ServiceIpRange.parse(properties.getServiceClusterIpRange()), random);
        RangeAllocator nodePorts = new RangeAllocator(store, etcd.getKeyPrefix() + "/ranges/servicenodeports/",
                NodePortRange.parse(properties.getServiceNodePortRange()), random);
        return new ServiceAllocations(clusterIps, nodePorts);
    }
}
