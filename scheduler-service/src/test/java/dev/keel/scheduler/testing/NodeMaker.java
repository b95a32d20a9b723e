package dev.keel.scheduler.testing;

import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.PodInfo;
import io.fabric8.kubernetes.api.model.ContainerImageBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.List;

/** Builds nodes for tests: {@code node("n1").allocatable("cpu", "4", "memory", "8Gi", "pods", "110").info()}. */
public final class NodeMaker {

    private final NodeBuilder node;
    private final List<PodInfo> pods = new ArrayList<>();

    private NodeMaker(String name) {
        node = new NodeBuilder().withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata()
                .withNewSpec().endSpec().withNewStatus()
                .withAllocatable(PodMaker.quantities("cpu", "4", "memory", "8Gi", "pods", "110")).endStatus();
    }

    public static NodeMaker node(String name) {
        return new NodeMaker(name);
    }

    public NodeMaker allocatable(String... resourceAndQuantity) {
        node.editStatus().withAllocatable(PodMaker.quantities(resourceAndQuantity)).endStatus();
        return this;
    }

    public NodeMaker label(String key, String value) {
        node.editMetadata().addToLabels(key, value).endMetadata();
        return this;
    }

    public NodeMaker taint(String key, String value, String effect) {
        node.editSpec().addToTaints(new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build()).endSpec();
        return this;
    }

    public NodeMaker unschedulable() {
        node.editSpec().withUnschedulable(true).endSpec();
        return this;
    }

    public NodeMaker image(String name, long sizeBytes) {
        node.editStatus().addToImages(new ContainerImageBuilder().withNames(name).withSizeBytes(sizeBytes).build()).endStatus();
        return this;
    }

    /** Places a pod on this node. */
    public NodeMaker with(Pod pod) {
        String name = node.buildMetadata().getName();
        pods.add(new PodInfo(new PodBuilder(pod).editSpec().withNodeName(name).endSpec().build()));
        return this;
    }

    public Node build() {
        return node.build();
    }

    public NodeInfo info() {
        return NodeInfo.of(build(), pods);
    }
}
