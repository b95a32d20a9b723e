package dev.keel.examples.webapp;

import java.util.List;

/** WebApps as the API server hands them to the reconciler (uid and generation set). */
final class WebApps {

    private WebApps() {
    }

    static WebApp webApp(String name, String image, Integer replicas, Integer port) {
        WebApp webApp = new WebApp();
        webApp.getMetadata().setName(name);
        webApp.getMetadata().setNamespace("shop");
        webApp.getMetadata().setUid("uid-" + name);
        webApp.getMetadata().setGeneration(3L);
        WebAppSpec spec = new WebAppSpec();
        spec.setImage(image);
        spec.setReplicas(replicas);
        spec.setPort(port);
        webApp.setSpec(spec);
        return webApp;
    }

    static WebApp withCommand(WebApp webApp, String... command) {
        webApp.getSpec().setCommand(List.of(command));
        return webApp;
    }
}
