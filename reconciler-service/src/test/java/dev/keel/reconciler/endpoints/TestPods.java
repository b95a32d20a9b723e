package dev.keel.reconciler.endpoints;

import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builders of the pods and Services the endpoint tests need. */
final class TestPods {

    private TestPods() {
    }

    /** A pod builder: labels app=web, one container, with the given named container ports. */
    static final class PodSpec {
        private final String name;
        private final List<io.fabric8.kubernetes.api.model.ContainerPort> ports = new ArrayList<>();
        private String ip;
        private boolean ready;
        private boolean terminating;
        private String node = "node-1";
        private Map<String, String> labels = Map.of("app", "web");

        PodSpec(String name) {
            this.name = name;
        }

        PodSpec port(String portName, int number) {
            ports.add(new ContainerPortBuilder().withName(portName).withContainerPort(number).withProtocol("TCP").build());
            return this;
        }

        PodSpec ip(String value) {
            this.ip = value;
            return this;
        }

        PodSpec ready() {
            this.ready = true;
            return this;
        }

        PodSpec terminating() {
            this.terminating = true;
            return this;
        }

        PodSpec labels(Map<String, String> value) {
            this.labels = value;
            return this;
        }

        Pod build() {
            return new PodBuilder()
                    .withNewMetadata().withName(name).withNamespace("ns").withUid("uid-" + name).withLabels(labels)
                        .withDeletionTimestamp(terminating ? "2026-01-01T00:00:00Z" : null).endMetadata()
                    .withNewSpec().withNodeName(node).addNewContainer().withName("main").withImage("busybox")
                        .withPorts(ports).endContainer().endSpec()
                    .withNewStatus().withPhase("Running").withPodIP(ip)
                        .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                    .endStatus()
                    .build();
        }
    }

    static PodSpec pod(String name) {
        return new PodSpec(name);
    }

    static ServicePort port(String name, int port, Object targetPort) {
        ServicePortBuilder builder = new ServicePortBuilder().withName(name).withPort(port).withProtocol("TCP");
        if (targetPort instanceof Integer number) {
            builder.withNewTargetPort(number);
        } else if (targetPort instanceof String portName) {
            builder.withNewTargetPort(portName);
        }
        return builder.build();
    }

    static Service service(String name, ServicePort... ports) {
        return new ServiceBuilder()
                .withNewMetadata().withName(name).withNamespace("ns").withUid("uid-svc-" + name).endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).withPorts(ports).endSpec()
                .build();
    }
}
