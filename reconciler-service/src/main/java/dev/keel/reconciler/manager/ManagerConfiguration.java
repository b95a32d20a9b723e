package dev.keel.reconciler.manager;

import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.ControllerManager;
import dev.keel.runtime.controller.Informers;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.health.RuntimeHealth;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The shared pieces every controller uses, and the manager that runs the enabled ones. */
@Configuration(proxyBeanMethods = false)
public class ManagerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Informers informers(KubernetesClient client, ReconcilerProperties properties) {
        return new Informers(client, properties.getResyncPeriod());
    }

    @Bean(destroyMethod = "close")
    EventRecorder eventRecorder(KubernetesClient client, Clock clock) {
        return new EventRecorder(client, "keel-reconciler", hostName(), clock);
    }

    @Bean
    ControllerFactory controllerFactory(Informers informers, ReconcilerProperties properties,
            MeterRegistry meterRegistry) {
        return new ControllerFactory(informers, properties, meterRegistry);
    }

    @Bean(destroyMethod = "close")
    ControllerManager controllerManager(Informers informers, List<Controller> controllers, ReconcilerProperties properties,
            RuntimeHealth health) {
        List<Controller> enabled = controllers.stream()
                .filter(controller -> !properties.getDisabled().contains(controller.name()))
                .toList();
        ControllerManager manager = new ControllerManager(informers, enabled, properties.getLeaderElection(),
                properties.getCacheSyncTimeout());
        // /actuator/health: DOWN when an informer stays unsynced, or a controller stays stopped while we lead.
        health.informers(informers);
        for (Controller controller : enabled) {
            health.controller(controller.name(), manager::isLeading, controller::isRunning);
        }
        return manager;
    }

    @Bean
    ManagerLifecycle managerLifecycle(ControllerManager manager) {
        return new ManagerLifecycle(manager);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
