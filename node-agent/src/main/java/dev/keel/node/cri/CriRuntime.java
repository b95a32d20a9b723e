package dev.keel.node.cri;

import dev.keel.node.cri.v1.AttachRequest;
import dev.keel.node.cri.v1.Container;
import dev.keel.node.cri.v1.ContainerConfig;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerStats;
import dev.keel.node.cri.v1.ContainerStatsRequest;
import dev.keel.node.cri.v1.ContainerStatus;
import dev.keel.node.cri.v1.ContainerStatusRequest;
import dev.keel.node.cri.v1.CreateContainerRequest;
import dev.keel.node.cri.v1.ExecRequest;
import dev.keel.node.cri.v1.ExecSyncRequest;
import dev.keel.node.cri.v1.ExecSyncResponse;
import dev.keel.node.cri.v1.Image;
import dev.keel.node.cri.v1.ImageServiceGrpc;
import dev.keel.node.cri.v1.ImageSpec;
import dev.keel.node.cri.v1.ImageStatusRequest;
import dev.keel.node.cri.v1.ImageStatusResponse;
import dev.keel.node.cri.v1.ListContainersRequest;
import dev.keel.node.cri.v1.ListPodSandboxRequest;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxConfig;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.cri.v1.PodSandboxStatus;
import dev.keel.node.cri.v1.PodSandboxStatusRequest;
import dev.keel.node.cri.v1.PortForwardRequest;
import dev.keel.node.cri.v1.PullImageRequest;
import dev.keel.node.cri.v1.RemoveContainerRequest;
import dev.keel.node.cri.v1.ReopenContainerLogRequest;
import dev.keel.node.cri.v1.RemovePodSandboxRequest;
import dev.keel.node.cri.v1.RunPodSandboxRequest;
import dev.keel.node.cri.v1.RuntimeServiceGrpc;
import dev.keel.node.cri.v1.RuntimeStatus;
import dev.keel.node.cri.v1.StartContainerRequest;
import dev.keel.node.cri.v1.StatusRequest;
import dev.keel.node.cri.v1.StopContainerRequest;
import dev.keel.node.cri.v1.StopPodSandboxRequest;
import dev.keel.node.cri.v1.VersionRequest;
import dev.keel.node.cri.v1.VersionResponse;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerRuntimeException;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link ContainerRuntime} over containerd's CRI plugin (runtime.v1) on its unix socket. */
public class CriRuntime implements ContainerRuntime {

    /** CRI's API version string, sent with Version. */
    private static final String CRI_API_VERSION = "v1";

    private final Path socket;
    private final Duration callTimeout;
    private final Duration pullTimeout;
    private final EpollEventLoopGroup eventLoop;
    private final ManagedChannel channel;
    private final RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime;
    private final ImageServiceGrpc.ImageServiceBlockingStub images;

    public CriRuntime(Path socket, Duration callTimeout, Duration pullTimeout) {
        this.socket = socket;
        this.callTimeout = callTimeout;
        this.pullTimeout = pullTimeout;
        this.eventLoop = new EpollEventLoopGroup(1);
        this.channel = NettyChannelBuilder.forAddress(new DomainSocketAddress(socket.toString()))
                .eventLoopGroup(eventLoop)
                .channelType(EpollDomainSocketChannel.class)
                .usePlaintext()
                // containerd answers large lists (every container of a busy node) in one message.
                .maxInboundMessageSize(16 * 1024 * 1024)
                .build();
        this.runtime = RuntimeServiceGrpc.newBlockingStub(channel);
        this.images = ImageServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public VersionResponse version() {
        return call("Version", () -> rt().version(VersionRequest.newBuilder().setVersion(CRI_API_VERSION).build()));
    }

    @Override
    public RuntimeStatus status() {
        return call("Status", () -> rt().status(StatusRequest.getDefaultInstance()).getStatus());
    }

    @Override
    public String runPodSandbox(PodSandboxConfig config) {
        // Sandbox start includes CNI set-up and perhaps the pause image pull: allow the pull timeout.
        return call("RunPodSandbox " + config.getMetadata().getNamespace() + "/" + config.getMetadata().getName(),
                () -> runtime.withDeadlineAfter(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config).build()).getPodSandboxId());
    }

    @Override
    public void stopPodSandbox(String sandboxId) {
        call("StopPodSandbox " + sandboxId,
                () -> rt().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build()));
    }

    @Override
    public void removePodSandbox(String sandboxId) {
        call("RemovePodSandbox " + sandboxId,
                () -> rt().removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build()));
    }

    @Override
    public PodSandboxStatus podSandboxStatus(String sandboxId) {
        return call("PodSandboxStatus " + sandboxId, () -> rt().podSandboxStatus(
                PodSandboxStatusRequest.newBuilder().setPodSandboxId(sandboxId).build()).getStatus());
    }

    @Override
    public List<PodSandbox> listPodSandboxes(PodSandboxFilter filter) {
        return call("ListPodSandbox",
                () -> rt().listPodSandbox(ListPodSandboxRequest.newBuilder().setFilter(filter).build()).getItemsList());
    }

    @Override
    public String createContainer(String sandboxId, ContainerConfig config, PodSandboxConfig sandboxConfig) {
        return call("CreateContainer " + config.getMetadata().getName() + " in " + sandboxId,
                () -> rt().createContainer(CreateContainerRequest.newBuilder()
                        .setPodSandboxId(sandboxId).setConfig(config).setSandboxConfig(sandboxConfig).build())
                        .getContainerId());
    }

    @Override
    public void startContainer(String containerId) {
        call("StartContainer " + containerId,
                () -> rt().startContainer(StartContainerRequest.newBuilder().setContainerId(containerId).build()));
    }

    @Override
    public void stopContainer(String containerId, Duration grace) {
        // The runtime waits for the grace period itself: the deadline must outlast it.
        call("StopContainer " + containerId, () -> runtime
                .withDeadlineAfter(callTimeout.plus(grace).toMillis(), TimeUnit.MILLISECONDS)
                .stopContainer(StopContainerRequest.newBuilder()
                        .setContainerId(containerId).setTimeout(grace.toSeconds()).build()));
    }

    @Override
    public void removeContainer(String containerId) {
        call("RemoveContainer " + containerId,
                () -> rt().removeContainer(RemoveContainerRequest.newBuilder().setContainerId(containerId).build()));
    }

    @Override
    public ContainerStatus containerStatus(String containerId) {
        return call("ContainerStatus " + containerId, () -> rt().containerStatus(
                ContainerStatusRequest.newBuilder().setContainerId(containerId).build()).getStatus());
    }

    @Override
    public List<Container> listContainers(ContainerFilter filter) {
        return call("ListContainers",
                () -> rt().listContainers(ListContainersRequest.newBuilder().setFilter(filter).build()).getContainersList());
    }

    @Override
    public ExecSyncResponse execSync(String containerId, List<String> command, Duration timeout) {
        Duration deadline = timeout.isZero() ? Duration.ofDays(1) : callTimeout.plus(timeout);
        return call("ExecSync " + containerId + " " + command, () -> runtime
                .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                .execSync(ExecSyncRequest.newBuilder()
                        .setContainerId(containerId).addAllCmd(command).setTimeout(timeout.toSeconds()).build()));
    }

    @Override
    public String exec(String containerId, List<String> command, boolean tty, boolean stdin) {
        return call("Exec " + containerId, () -> rt().exec(ExecRequest.newBuilder()
                .setContainerId(containerId).addAllCmd(command).setTty(tty).setStdin(stdin)
                .setStdout(true).setStderr(!tty).build()).getUrl());
    }

    @Override
    public String attach(String containerId, boolean stdin, boolean stdout, boolean stderr, boolean tty) {
        return call("Attach " + containerId, () -> rt().attach(AttachRequest.newBuilder()
                .setContainerId(containerId).setStdin(stdin).setTty(tty).setStdout(stdout).setStderr(stderr && !tty)
                .build()).getUrl());
    }

    @Override
    public String portForward(String sandboxId, List<Integer> ports) {
        return call("PortForward " + sandboxId, () -> rt().portForward(PortForwardRequest.newBuilder()
                .setPodSandboxId(sandboxId).addAllPort(ports).build()).getUrl());
    }

    @Override
    public ContainerStats containerStats(String containerId) {
        return call("ContainerStats " + containerId, () -> rt().containerStats(
                ContainerStatsRequest.newBuilder().setContainerId(containerId).build()).getStats());
    }

    @Override
    public void reopenContainerLog(String containerId) {
        call("ReopenContainerLog " + containerId, () -> rt().reopenContainerLog(
                ReopenContainerLogRequest.newBuilder().setContainerId(containerId).build()));
    }

    @Override
    public Optional<Image> imageStatus(String image) {
        ImageStatusResponse response = call("ImageStatus " + image, () -> images
                .withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .imageStatus(ImageStatusRequest.newBuilder().setImage(ImageSpec.newBuilder().setImage(image)).build()));
        return response.hasImage() ? Optional.of(response.getImage()) : Optional.empty();
    }

    @Override
    public String pullImage(String image, PodSandboxConfig sandboxConfig) {
        return call("PullImage " + image, () -> images
                .withDeadlineAfter(pullTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .pullImage(PullImageRequest.newBuilder()
                        .setImage(ImageSpec.newBuilder().setImage(image)).setSandboxConfig(sandboxConfig).build())
                .getImageRef());
    }

    @Override
    public void close() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    private RuntimeServiceGrpc.RuntimeServiceBlockingStub rt() {
        return runtime.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <T> T call(String what, Supplier<T> rpc) {
        try {
            return rpc.get();
        } catch (StatusRuntimeException e) {
            throw new ContainerRuntimeException(kindOf(e.getStatus()), what + " on " + socket + ": " + e.getStatus(), e);
        }
    }

    private static ContainerRuntimeException.Kind kindOf(Status status) {
        return switch (status.getCode()) {
            case NOT_FOUND -> ContainerRuntimeException.Kind.NOT_FOUND;
            case UNAVAILABLE, DEADLINE_EXCEEDED -> ContainerRuntimeException.Kind.UNAVAILABLE;
            default -> isNotFoundMessage(status) ? ContainerRuntimeException.Kind.NOT_FOUND
                    : ContainerRuntimeException.Kind.FAILED;
        };
    }

    /** containerd 1.6 answers some lookups of unknown ids with UNKNOWN and a "not found" message. */
    private static boolean isNotFoundMessage(Status status) {
        String description = status.getDescription();
        return description != null && description.contains("not found");
    }
}
