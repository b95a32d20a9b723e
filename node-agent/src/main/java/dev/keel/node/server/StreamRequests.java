package dev.keel.node.server;

import dev.keel.node.cri.v1.Container;
import dev.keel.node.cri.v1.ContainerFilter;
import dev.keel.node.cri.v1.ContainerState;
import dev.keel.node.cri.v1.ContainerStateValue;
import dev.keel.node.cri.v1.PodSandbox;
import dev.keel.node.cri.v1.PodSandboxFilter;
import dev.keel.node.cri.v1.PodSandboxState;
import dev.keel.node.cri.v1.PodSandboxStateValue;
import dev.keel.node.pod.PodLabels;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.node.runtime.ContainerRuntimeException;
import dev.keel.node.server.exec.ExecTunnel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /attach/NS/POD/CONTAINER} and {@code /portForward/NS/POD}, the kubelet's streaming routes: finds the running
 * container or the ready sandbox by the agent's labels, asks the runtime for a streaming session (CRI {@code Attach},
 * {@code PortForward}) and relays the client's upgrade to the URL it answers ({@link ExecTunnel}). The streaming
 * server then speaks the protocol with the client: SPDY/3.1 with {@code v4.channel.k8s.io} for attach, SPDY/3.1 with
 * {@code portforward.k8s.io} (one error and one data stream per connection) for port-forward. Failures before the
 * hand-over are plain-text answers with the kubelet's words.
 */
final class StreamRequests {

    private static final Logger log = LoggerFactory.getLogger(StreamRequests.class);

    private final ContainerRuntime runtime;
    private final ExecutorService blocking;

    StreamRequests(ContainerRuntime runtime, ExecutorService blocking) {
        this.runtime = runtime;
        this.blocking = blocking;
    }

    void attach(ChannelHandlerContext ctx, HttpMethod method, HttpHeaders headers, String namespace, String pod,
        String container, Map<String, List<String>> parameters) {
        String target = namespace + "/" + pod + "/" + container;
        boolean stdin = NodeRequestHandler.flag(parameters, "stdin");
        boolean stdout = NodeRequestHandler.flag(parameters, "stdout");
        boolean stderr = NodeRequestHandler.flag(parameters, "stderr");
        boolean tty = NodeRequestHandler.flag(parameters, "tty");
        if (!stdin && !stdout && !stderr) {
            NodeRequestHandler.respond(ctx, HttpResponseStatus.BAD_REQUEST,
                "you must specify at least 1 of stdin, stdout, stderr");
            return;
        }
        handOver(ctx, method, headers, "Attach to " + target, () -> {
            List<Container> running = runtime.listContainers(ContainerFilter.newBuilder()
                .putLabelSelector(PodLabels.POD_NAMESPACE, namespace).putLabelSelector(PodLabels.POD_NAME, pod)
                .putLabelSelector(PodLabels.CONTAINER_NAME, container)
                .setState(ContainerStateValue.newBuilder().setState(ContainerState.CONTAINER_RUNNING)).build());
            if (running.isEmpty()) {
                // The kubelet's answer when the pod has no running container of that name (it exited or never ran).
                return Outcome.refused(HttpResponseStatus.NOT_FOUND, "container not found (\"" + container + "\")");
            }
            return Outcome.stream(runtime.attach(running.get(0).getId(), stdin, stdout, stderr, tty));
        });
    }

    void portForward(ChannelHandlerContext ctx, HttpMethod method, HttpHeaders headers, String namespace, String pod,
        Map<String, List<String>> parameters) {
        String target = namespace + "/" + pod;
        List<Integer> ports = new ArrayList<>();
        // Like the kubelet, each port parameter may list several ports separated by commas (port=80,443).
        List<String> requested = parameters.getOrDefault("port", List.of()).stream()
            .flatMap(value -> Arrays.stream(value.split(",", -1))).map(String::trim).toList();
        for (String port : requested) {
            try {
                int number = Integer.parseInt(port);
                if (number < 1 || number > 65535) {
                    throw new NumberFormatException("out of range");
                }
                ports.add(number);
            } catch (NumberFormatException e) {
                NodeRequestHandler.respond(ctx, HttpResponseStatus.BAD_REQUEST, "invalid port " + port
                    + ": a port is a number from 1 to 65535");
                return;
            }
        }
        handOver(ctx, method, headers, "Port-forward to " + target, () -> {
            Optional<PodSandbox> sandbox = runtime.listPodSandboxes(PodSandboxFilter.newBuilder()
                    .putLabelSelector(PodLabels.POD_NAMESPACE, namespace).putLabelSelector(PodLabels.POD_NAME, pod)
                    .setState(PodSandboxStateValue.newBuilder().setState(PodSandboxState.SANDBOX_READY)).build())
                .stream().max(Comparator.comparingLong(PodSandbox::getCreatedAt));
            if (sandbox.isEmpty()) {
                return Outcome.refused(HttpResponseStatus.NOT_FOUND,
                    "pod not found (\"" + pod + "_" + namespace + "\")");
            }
            return Outcome.stream(runtime.portForward(sandbox.get().getId(), ports));
        });
    }

    /** Prepares the session off the event loop, then relays the connection, or answers why not. */
    private void handOver(ChannelHandlerContext ctx, HttpMethod method, HttpHeaders headers, String what,
        Session session) {
        Channel channel = ctx.channel();
        channel.config().setAutoRead(false);
        blocking.execute(() -> {
            Outcome outcome;
            try {
                outcome = session.prepare();
            } catch (ContainerRuntimeException e) {
                log.warn("{}: {}", what, e.getMessage());
                NodeRequestHandler.respond(ctx, e.isNotFound() ? HttpResponseStatus.NOT_FOUND
                    : HttpResponseStatus.INTERNAL_SERVER_ERROR, what + ": " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                // Anything else must still answer: auto-read is off and the client waits for this response.
                log.error("{}: preparing the session failed", what, e);
                NodeRequestHandler.respond(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR, what + ": " + e);
                return;
            }
            if (outcome.url() == null) {
                log.info("{}: {}", what, outcome.message());
                NodeRequestHandler.respond(ctx, outcome.refusal(), outcome.message());
                return;
            }
            ExecTunnel.handOver(channel, method, headers, outcome.url(), what);
        });
    }

    /** Finds the target and asks the runtime for a streaming URL. */
    @FunctionalInterface
    private interface Session {
        Outcome prepare();
    }

    /** A streaming URL to relay to, or the answer the client gets instead. */
    private record Outcome(String url, HttpResponseStatus refusal, String message) {

        static Outcome stream(String url) {
            return new Outcome(url, null, null);
        }

        static Outcome refused(HttpResponseStatus status, String message) {
            return new Outcome(null, status, message);
        }
    }
}
