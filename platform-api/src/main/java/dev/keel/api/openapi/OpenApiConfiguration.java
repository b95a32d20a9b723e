package dev.keel.api.openapi;

import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.rest.ApiServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the OpenAPI documents from the registry when the server starts. */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    @Bean
    public OpenApiDocuments openApiDocuments(ResourceRegistry registry, ApiServerProperties properties) {
        return new OpenApiDocuments(registry, properties.getKubernetesVersion());
    }
}
