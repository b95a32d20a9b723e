package dev.keel.api.admission;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/** Small builders for the objects admission tests feed in: {@code pod().container("web", "nginx").build()}. */
public final class Fixtures {

    private Fixtures() {
    }

    public static PodFixture pod() {
        return new PodFixture();
    }

    public static WorkloadFixture workload() {
        return new WorkloadFixture();
    }

    public static ServiceFixture service(String name) {
        return new ServiceFixture(name);
    }

    public static ObjectMeta meta(String name) {
        ObjectMeta meta = new ObjectMeta();
        meta.setName(name);
        meta.setNamespace("default");
        meta.setUid(UUID.randomUUID().toString());
        return meta;
    }

    /** A pod spec and the metadata around it; also the template of the workload builders. */
    public static final class PodFixture {

        private final ObjectMeta meta = meta("web-1");
        private final PodSpec spec = new PodSpec();

        public PodFixture name(String name) {
            meta.setName(name);
            return this;
        }

        public PodFixture label(String key, String value) {
            if (meta.getLabels() == null) {
                meta.setLabels(new LinkedHashMap<>());
            }
            meta.getLabels().put(key, value);
            return this;
        }

        public PodFixture container(String name, String image) {
            Container container = new Container();
            container.setName(name);
            container.setImage(image);
            spec.getContainers().add(container);
            return this;
        }

        /** Adds a container port to the last container. */
        public PodFixture port(int containerPort) {
            ContainerPort port = new ContainerPort();
            port.setContainerPort(containerPort);
            last().getPorts().add(port);
            return this;
        }

        /** Edits the last container. */
        public PodFixture withContainer(Consumer<Container> edit) {
            edit.accept(last());
            return this;
        }

        public PodFixture spec(Consumer<PodSpec> edit) {
            edit.accept(spec);
            return this;
        }

        public Pod build() {
            Pod pod = new Pod();
            pod.setMetadata(meta);
            pod.setSpec(spec);
            return pod;
        }

        public PodTemplateSpec template() {
            PodTemplateSpec template = new PodTemplateSpec();
            ObjectMeta templateMeta = new ObjectMeta();
            templateMeta.setLabels(meta.getLabels());
            template.setMetadata(templateMeta);
            template.setSpec(spec);
            return template;
        }

        private Container last() {
            return spec.getContainers().get(spec.getContainers().size() - 1);
        }
    }

    /** A workload of any kind, from a selector and a pod template. */
    public static final class WorkloadFixture {

        private final ObjectMeta meta = meta("web");
        private final PodFixture template = pod().label("app", "web").container("web", "nginx:1.27");
        private LabelSelector selector = labelSelector(Map.of("app", "web"));

        public WorkloadFixture name(String name) {
            meta.setName(name);
            return this;
        }

        public WorkloadFixture selector(Map<String, String> labels) {
            this.selector = labels == null ? null : labelSelector(labels);
            return this;
        }

        public WorkloadFixture template(Consumer<PodFixture> edit) {
            edit.accept(template);
            return this;
        }

        public Deployment deployment() {
            DeploymentSpec spec = new DeploymentSpec();
            spec.setSelector(selector);
            spec.setTemplate(template.template());
            Deployment deployment = new Deployment();
            deployment.setMetadata(meta);
            deployment.setSpec(spec);
            return deployment;
        }

        public ReplicaSet replicaSet() {
            ReplicaSetSpec spec = new ReplicaSetSpec();
            spec.setSelector(selector);
            spec.setTemplate(template.template());
            ReplicaSet replicaSet = new ReplicaSet();
            replicaSet.setMetadata(meta);
            replicaSet.setSpec(spec);
            return replicaSet;
        }

        public DaemonSet daemonSet() {
            DaemonSetSpec spec = new DaemonSetSpec();
            spec.setSelector(selector);
            spec.setTemplate(template.template());
            DaemonSet daemonSet = new DaemonSet();
            daemonSet.setMetadata(meta);
            daemonSet.setSpec(spec);
            return daemonSet;
        }

        public StatefulSet statefulSet() {
            StatefulSetSpec spec = new StatefulSetSpec();
            spec.setSelector(selector);
            spec.setServiceName("web");
            spec.setTemplate(template.template());
            StatefulSet statefulSet = new StatefulSet();
            statefulSet.setMetadata(meta);
            statefulSet.setSpec(spec);
            return statefulSet;
        }

        /** A job: no selector (it is generated) and, unless the template says otherwise, pods that end. */
        public Job job() {
            JobSpec spec = new JobSpec();
            PodTemplateSpec podTemplate = template.template();
            if (podTemplate.getSpec().getRestartPolicy() == null) {
                podTemplate.getSpec().setRestartPolicy("Never");
            }
            spec.setTemplate(podTemplate);
            Job job = new Job();
            job.setMetadata(meta);
            job.setSpec(spec);
            return job;
        }

        private static LabelSelector labelSelector(Map<String, String> labels) {
            LabelSelector selector = new LabelSelector();
            selector.setMatchLabels(new LinkedHashMap<>(labels));
            return selector;
        }
    }

    /** A service with ports added one by one. */
    public static final class ServiceFixture {

        private final ObjectMeta meta;
        private final ServiceSpec spec = new ServiceSpec();

        ServiceFixture(String name) {
            meta = meta(name);
            spec.setSelector(new LinkedHashMap<>(Map.of("app", name)));
        }

        public ServiceFixture type(String type) {
            spec.setType(type);
            return this;
        }

        public ServiceFixture port(String name, int port) {
            ServicePort servicePort = new ServicePort();
            servicePort.setName(name);
            servicePort.setPort(port);
            spec.getPorts().add(servicePort);
            return this;
        }

        public ServiceFixture nodePort(String name, int port, int nodePort) {
            port(name, port);
            spec.getPorts().get(spec.getPorts().size() - 1).setNodePort(nodePort);
            return this;
        }

        public ServiceFixture clusterIp(String ip) {
            spec.setClusterIP(ip);
            return this;
        }

        public ServiceFixture spec(Consumer<ServiceSpec> edit) {
            edit.accept(spec);
            return this;
        }

        public Service build() {
            Service service = new Service();
            service.setMetadata(meta);
            service.setSpec(spec);
            return service;
        }
    }
}
