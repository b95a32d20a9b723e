package dev.keel.api.apiextensions.serving;

import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.registry.KindStrategies;
import dev.keel.api.registry.ModelConverter;
import dev.keel.api.openapi.OpenApiDocuments;
import dev.keel.api.resource.ResourceRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The beans that serve custom objects: the runtime types from stored CRDs and the custom-object behaviour. */
@Configuration(proxyBeanMethods = false)
public class ServingConfiguration {

    @Bean
    public CustomResourceTypes customResourceTypes(ResourceRegistry registry, KindStrategies strategies, ModelConverter models) {
        return new CustomResourceTypes(registry, strategies, models);
    }

    @Bean
    public CustomResourceHandling customResourceHandling(CustomResourceTypes types, ObjectStorage storage, ObjectCodec codec) {
        return new CustomResourceHandling(types, storage, codec);
    }

    @Bean
    public CustomResourceOpenApi customResourceOpenApi(CustomResourceTypes types, ResourceRegistry registry,
            OpenApiDocuments documents) {
        CustomResourceOpenApi openApi = new CustomResourceOpenApi(types, registry);
        documents.useRuntimeKinds(openApi);
        return openApi;
    }
}
