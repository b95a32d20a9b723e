package dev.keel.examples.webapp;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The WebApp custom kind ({@code webapps.examples.keel.dev/v1}, CRD in {@code webapp-crd.yaml}): an image served by a
 * Deployment behind a Service, both named after the WebApp and owned by it.
 */
@Group(WebApp.GROUP)
@Version(WebApp.VERSION)
@Kind("WebApp")
@Plural("webapps")
@Singular("webapp")
@ShortNames("wa")
public class WebApp extends CustomResource<WebAppSpec, WebAppStatus> implements Namespaced {

    public static final String GROUP = "examples.keel.dev";
    public static final String VERSION = "v1";
    /** The CRD's name, {@code <plural>.<group>}. */
    public static final String CRD_NAME = "webapps." + GROUP;
    /** The CRD manifest on the classpath, the same file users {@code kubectl apply}. */
    public static final String CRD_RESOURCE = "/webapp-crd.yaml";
}
