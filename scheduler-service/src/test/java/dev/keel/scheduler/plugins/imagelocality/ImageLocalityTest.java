package dev.keel.scheduler.plugins.imagelocality;

import static dev.keel.scheduler.testing.NodeMaker.node;
import static dev.keel.scheduler.testing.PodMaker.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.scheduler.framework.CycleState;
import dev.keel.scheduler.framework.NodeInfo;
import dev.keel.scheduler.framework.Snapshot;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageLocalityTest {

    private static final long MB = 1024 * 1024;

    @Test
    void prefersNodesHoldingTheImage() {
        NodeInfo with = node("with").image("app:1", 500 * MB).info();
        NodeInfo without = node("without").info();
        Snapshot snapshot = new Snapshot(List.of(with, without));
        ImageLocality plugin = new ImageLocality();
        CycleState state = new CycleState();
        var pod = pod("p").image("app:1").info();
        plugin.preScore(state, pod, snapshot.nodes(), snapshot);

        assertThat(plugin.score(state, pod, with)).isPositive();
        assertThat(plugin.score(state, pod, without)).isZero();
    }

    @Test
    void smallImagesDoNotCount() {
        NodeInfo with = node("with").image("tiny:latest", 5 * MB).info();
        Snapshot snapshot = new Snapshot(List.of(with));
        ImageLocality plugin = new ImageLocality();
        CycleState state = new CycleState();
        var pod = pod("p").image("tiny").info();
        plugin.preScore(state, pod, snapshot.nodes(), snapshot);

        assertThat(plugin.score(state, pod, with)).isZero();
    }

    @Test
    void untaggedImagesMeanLatest() {
        assertThat(ImageLocality.normalized("busybox")).isEqualTo("busybox:latest");
        assertThat(ImageLocality.normalized("localhost:5000/busybox")).isEqualTo("localhost:5000/busybox:latest");
        assertThat(ImageLocality.normalized("localhost:5000/busybox:1.35")).isEqualTo("localhost:5000/busybox:1.35");
    }
}
