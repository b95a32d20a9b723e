package dev.keel.reconciler.serviceaccount;

import dev.keel.reconciler.manager.ControllerFactory;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service account controller, keyed by namespace. */
@Configuration(proxyBeanMethods = false)
public class ServiceAccountConfiguration {

    @Bean
    Controller serviceAccountController(ControllerFactory factory, KubernetesClient client) {
        Informers informers = factory.informers();
        return factory.builder("serviceaccount", new DefaultServiceAccountReconciler(client, informers))
                .watch(informers.informer(Namespace.class),
                        namespace -> List.of(Request.clusterScoped(namespace.getMetadata().getName())))
                .watch(informers.informer(ServiceAccount.class), account -> DefaultServiceAccountReconciler.NAME
                        .equals(account.getMetadata().getName())
                                ? List.of(Request.clusterScoped(account.getMetadata().getNamespace()))
                                : List.of())
                .build();
    }
}
