package dev.keel.examples.webapp;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a WebApp: server-side applies its Deployment and Service ({@link WebAppResources}) and patches its status
 * from the Deployment the API server returned ({@link WebAppStatusCalculator}). Informers on Deployments and Services
 * map their events back to the owning WebApp through the controller owner reference, so a rollout's progress, a
 * deleted Service or a Deployment edited by hand bring the WebApp back here. Nothing to do on delete: the garbage
 * collector follows the owner references.
 */
@ControllerConfiguration(name = WebAppReconciler.NAME)
public class WebAppReconciler implements Reconciler<WebApp> {

    public static final String NAME = "webapp";
    /** The field manager of everything the operator applies. */
    public static final String FIELD_MANAGER = "webapp-operator";

    private static final Logger log = LoggerFactory.getLogger(WebAppReconciler.class);

    private final Clock clock;

    public WebAppReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, WebApp>> prepareEventSources(EventSourceContext<WebApp> context) {
        // Without a mapper given, JOSDK maps a secondary resource to the WebApp of its controller owner reference.
        return List.of(
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Deployment.class, WebApp.class)
                        .withLabelSelector("app.kubernetes.io/managed-by=" + WebAppResources.MANAGED_BY).build(), context),
                new InformerEventSource<>(InformerEventSourceConfiguration.from(Service.class, WebApp.class)
                        .withLabelSelector("app.kubernetes.io/managed-by=" + WebAppResources.MANAGED_BY).build(), context));
    }

    @Override
    public UpdateControl<WebApp> reconcile(WebApp webApp, Context<WebApp> context) {
        String namespace = webApp.getMetadata().getNamespace();
        String name = webApp.getMetadata().getName();
        log.info("Reconciling WebApp {}/{} (generation {}): image {}, {} replicas", namespace, name,
                webApp.getMetadata().getGeneration(), webApp.getSpec().getImage(), webApp.getSpec().replicasOrDefault());
        KubernetesClient client = context.getClient();

        Deployment deployment = client.apps().deployments().inNamespace(namespace)
                .resource(WebAppResources.deployment(webApp))
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
        client.services().inNamespace(namespace)
                .resource(WebAppResources.service(webApp))
                .fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();

        WebAppStatus status = WebAppStatusCalculator.statusOf(webApp, deployment, clock.instant());
        if (status.equals(webApp.getStatus())) {
            return UpdateControl.noUpdate();
        }
        log.info("WebApp {}/{}: {} of {} replicas ready, Available={}, Progressing={}", namespace, name,
                status.getReadyReplicas(), webApp.getSpec().replicasOrDefault(),
                status.condition(WebAppStatusCalculator.AVAILABLE).orElseThrow().getStatus(),
                status.condition(WebAppStatusCalculator.PROGRESSING).orElseThrow().getStatus());
        webApp.setStatus(status);
        return UpdateControl.patchStatus(webApp);
    }
}
