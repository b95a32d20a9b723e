package dev.keel.reconciler.namespace;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.Informers;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The namespace controller: empties and finalizes namespaces being deleted. */
@Configuration(proxyBeanMethods = false)
public class NamespaceConfiguration {

    @Bean
    Controller namespaceController(ControllerFactory factory, KubernetesClient client, Clock clock,
            NamespaceProperties properties) {
        Informers informers = factory.informers();
        NamespaceReconciler reconciler = new NamespaceReconciler(client, informers, new NamespaceContent(client), clock,
                properties.getContentRecheck());
        return factory.builder("namespace", reconciler)
                .watch(informers.informer(Namespace.class), EventSource.self())
                .build();
    }
}
