package dev.keel.runtime.health;

import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The health of every service's informers and controllers, and its actuator component where actuator is present. */
@AutoConfiguration
@EnableConfigurationProperties(RuntimeHealthProperties.class)
public class RuntimeHealthAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RuntimeHealth runtimeHealth(RuntimeHealthProperties properties) {
        return new RuntimeHealth(properties, Clock.systemUTC());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
    static class Actuator {

        @Bean
        @ConditionalOnMissingBean(name = "runtimeHealthIndicator")
        RuntimeHealthIndicator runtimeHealthIndicator(RuntimeHealth health) {
            return new RuntimeHealthIndicator(health);
        }
    }
}
