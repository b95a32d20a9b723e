package dev.keel.node;

import dev.keel.node.node.NodeLease;
import dev.keel.node.node.NodeRegistration;
import dev.keel.node.pod.PodSyncer;
import dev.keel.node.probe.ProbeManager;
import dev.keel.node.probe.Prober;
import dev.keel.node.runtime.ContainerRuntime;
import dev.keel.runtime.controller.Controller;
import dev.keel.runtime.controller.EventSource;
import dev.keel.runtime.controller.InformerRetries;
import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.health.RuntimeHealth;
import dev.keel.runtime.reconcile.Request;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node: registers it, keeps its Lease and Ready condition fresh, and runs a pod controller over the pods bound
 * to it (a watch with the field selector spec.nodeName). Several agents may share a JVM (hollow nodes).
 */
public class NodeAgent implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeAgent.class);

    private final NodeAgentProperties properties;
    private final NodeRegistration registration;
    private final NodeLease lease;
    private final SharedIndexInformer<Pod> podInformer;
    private final Controller controller;
    private final ScheduledExecutorService heartbeat;
    private final EventRecorder events;
    private final ProbeManager probes;
    private final PodSyncer syncer;

    /** {@code prober} runs the containers' probes: over the pod network on a real node, simulated on a hollow one. */
    public NodeAgent(KubernetesClient client, ContainerRuntime runtime, Prober prober, NodeAgentProperties properties,
        Clock clock) {
        this.properties = properties;
        this.registration = new NodeRegistration(client, properties, runtime, clock);
        this.lease = new NodeLease(client, properties, clock);
        this.podInformer = client.pods().inAnyNamespace().withField("spec.nodeName", properties.getName())
            .runnableInformer(0);
        // A watch that fails (an event it cannot decode) re-lists rather than leaving this node deaf for good.
        this.podInformer.exceptionHandler(new InformerRetries("Pod"));
        this.events = new EventRecorder(client, "node-agent", properties.getName(), clock);
        this.probes = new ProbeManager(prober, events, this::enqueue, clock,
            properties.getProbeThreads(), properties.getName());
        this.syncer = new PodSyncer(client, podInformer.getStore(), runtime, probes, prober, events, properties,
            clock);
        this.controller = Controller.builder("pods-" + properties.getName(), syncer)
            .workers(properties.getPodWorkers())
            .watch(podInformer, EventSource.self())
            .build();
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "heartbeat-" + properties.getName());
            thread.setDaemon(true);
            return thread;
        });
    }

    public void start() throws InterruptedException {
        registration.register();
        lease.renew();
        long period = properties.getHeartbeatPeriod().toMillis();
        heartbeat.scheduleAtFixedRate(this::beat, period, period, TimeUnit.MILLISECONDS);
        long sweep = properties.getPodResyncPeriod().toMillis();
        heartbeat.scheduleWithFixedDelay(this::sweepOrphans, sweep, sweep, TimeUnit.MILLISECONDS);
        podInformer.start();
        controller.start();
        log.info("Node agent {} started", properties.getName());
    }

    /** Reports the pod informer and the pod controller to the service's health. */
    public void reportTo(RuntimeHealth health) {
        health.informer("Pod (node " + properties.getName() + ")", podInformer);
        health.controller(controller.name(), () -> true, controller::isRunning);
    }

    /** The pods bound to this node, as the agent's informer holds them. */
    public java.util.List<Pod> pods() {
        return podInformer.getStore().list();
    }

    /** A probe result changed: the pod's status needs a sync before its next resync. */
    private void enqueue(Request request) {
        controller.enqueue(request);
    }

    private void sweepOrphans() {
        try {
            syncer.removeOrphanedPodDirectories();
        } catch (RuntimeException e) {
            // The runtime may be down for a moment; the next sweep tries again.
            log.warn("Node {}: sweeping orphaned pod directories failed: {}", properties.getName(), e.toString(), e);
        }
    }

    private void beat() {
        try {
            lease.renew();
            registration.updateStatus();
        } catch (RuntimeException e) {
            // The next beat tries again; a node that keeps failing loses its Lease, which is the signal.
            log.warn("Node {}: heartbeat failed: {}", properties.getName(), e.toString(), e);
        }
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
        controller.stop();
        probes.close();
        podInformer.close();
        events.close();
        try {
            heartbeat.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("Node agent {} stopped", properties.getName());
    }

}
