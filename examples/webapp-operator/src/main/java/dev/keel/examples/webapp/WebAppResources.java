package dev.keel.examples.webapp;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Deployment and Service a WebApp should have, as server-side apply configurations: only the fields the operator
 * decides, so what others set (the Deployment controller's status, a Service's clusterIP) stays theirs. Both are named
 * after the WebApp, in its namespace, with a controller owner reference to it: deleting the WebApp lets the garbage
 * collector delete them, the operator has nothing to clean up.
 */
public final class WebAppResources {

    /** The label selecting a WebApp's pods; its value is the WebApp's name. */
    public static final String APP_LABEL = WebApp.GROUP + "/webapp";
    public static final String MANAGED_BY = "webapp-operator";
    /** The port the Service offers; it forwards to the WebApp's {@code spec.port}. */
    public static final int SERVICE_PORT = 80;
    static final String CONTAINER = "web";

    private WebAppResources() {
    }

    public static Deployment deployment(WebApp webApp) {
        WebAppSpec spec = webApp.getSpec();
        ContainerBuilder container = new ContainerBuilder().withName(CONTAINER).withImage(spec.getImage())
                .addNewPort().withName("http").withContainerPort(spec.portOrDefault()).withProtocol("TCP").endPort();
        if (spec.getCommand() != null && !spec.getCommand().isEmpty()) {
            container.withCommand(spec.getCommand());
        }
        return new DeploymentBuilder()
                .withMetadata(ownedMetadata(webApp))
                .withNewSpec()
                .withReplicas(spec.replicasOrDefault())
                .withNewSelector().withMatchLabels(selectorLabels(webApp)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels(webApp)).endMetadata()
                .withNewSpec().withContainers(container.build()).endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public static Service service(WebApp webApp) {
        return new ServiceBuilder()
                .withMetadata(ownedMetadata(webApp))
                .withNewSpec()
                .withSelector(selectorLabels(webApp))
                .addNewPort().withName("http").withProtocol("TCP").withPort(SERVICE_PORT)
                .withTargetPort(new IntOrString(webApp.getSpec().portOrDefault())).endPort()
                .endSpec()
                .build();
    }

    /** The selector of the WebApp's pods in the text form of the scale subresource ({@code status.selector}). */
    public static String selector(WebApp webApp) {
        return APP_LABEL + "=" + webApp.getMetadata().getName();
    }

    /** The owner reference that makes the WebApp the controller of what the operator creates for it. */
    static OwnerReference controllerReference(WebApp webApp) {
        return new OwnerReferenceBuilder()
                .withApiVersion(webApp.getApiVersion())
                .withKind(webApp.getKind())
                .withName(webApp.getMetadata().getName())
                .withUid(webApp.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    private static ObjectMeta ownedMetadata(WebApp webApp) {
        return new ObjectMetaBuilder()
                .withName(webApp.getMetadata().getName())
                .withNamespace(webApp.getMetadata().getNamespace())
                .withLabels(labels(webApp))
                .withOwnerReferences(controllerReference(webApp))
                .build();
    }

    private static Map<String, String> selectorLabels(WebApp webApp) {
        return Map.of(APP_LABEL, webApp.getMetadata().getName());
    }

    private static Map<String, String> labels(WebApp webApp) {
        Map<String, String> labels = new LinkedHashMap<>(selectorLabels(webApp));
        labels.put("app.kubernetes.io/managed-by", MANAGED_BY);
        return labels;
    }
}
