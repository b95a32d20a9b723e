package dev.keel.node.hollow;

import dev.keel.node.NodeAgent;
import dev.keel.node.NodeAgentProperties;
import dev.keel.node.probe.Prober;
import dev.keel.node.simulated.SimulatedBehaviour;
import dev.keel.node.simulated.SimulatedRuntime;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Many node agents in one process, each with its own simulated runtime, Node, Lease and pod controller: the same
 * agent code as a real node, only the runtime differs. All share one API client.
 */
public class HollowNodeFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HollowNodeFleet.class);

    private final KubernetesClient client;
    private final NodeAgentProperties template;
    private final HollowNodeProperties hollow;
    private final SimulatedBehaviour behaviour;
    private final Clock clock;
    private final List<NodeAgent> agents = new CopyOnWriteArrayList<>();

    public HollowNodeFleet(KubernetesClient client, NodeAgentProperties template, HollowNodeProperties hollow,
                           SimulatedBehaviour behaviour, Clock clock) {
        this.client = client;
        this.template = template;
        this.hollow = hollow;
        this.behaviour = behaviour;
        this.clock = clock;
    }

    /** Registers and starts every hollow node; on any failure the ones already started are stopped again. */
    public void start() throws InterruptedException {
        HollowPodRanges ranges = new HollowPodRanges(hollow.getPodCidrRange());
        if (hollow.getCount() > ranges.size()) {
            throw new IllegalArgumentException("keel.node.hollow.count " + hollow.getCount() + " exceeds the "
                + ranges.size() + " /24s of keel.node.hollow.pod-cidr-range " + hollow.getPodCidrRange());
        }
        long started = System.nanoTime();
        ExecutorService starter = Executors.newFixedThreadPool(Math.max(1, hollow.getStartConcurrency()));
        try {
            List<Future<?>> starts = new ArrayList<>();
            for (int i = 0; i < hollow.getCount(); i++) {
                NodeAgentProperties properties = nodeProperties(hollow.getNamePrefix() + (i + 1), ranges.range(i));
                starts.add(starter.submit(() -> {
                    startAgent(properties);
                    return null;
                }));
            }
            long deadline = System.nanoTime() + hollow.getStartTimeout().toNanos();
            for (Future<?> start : starts) {
                start.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            close();
            throw new IllegalStateException("Starting " + hollow.getCount() + " hollow nodes failed", e);
        } finally {
            starter.shutdownNow();
        }
        log.info("{} hollow nodes started in {} ms", agents.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void startAgent(NodeAgentProperties properties) throws InterruptedException {
        SimulatedRuntime runtime = new SimulatedRuntime(clock, behaviour, properties.getPodCidr());
        // A hollow node's pods have no reachable address: HTTP and TCP probes count as passing, exec probes run.
        NodeAgent agent = new NodeAgent(client, runtime, new Prober(runtime, false), properties, clock);
        agents.add(agent);
        agent.start();
    }

    /** The settings of one hollow node: the shared {@code keel.node.*} values with its own name and pod range. */
    NodeAgentProperties nodeProperties(String name, String podCidr) {
        NodeAgentProperties properties = new NodeAgentProperties();
        properties.setName(name);
        properties.setPodCidr(podCidr);
        properties.getCapacity().setCpu(template.getCapacity().getCpu());
        properties.getCapacity().setMemory(template.getCapacity().getMemory());
        properties.getCapacity().setPods(template.getCapacity().getPods());
        properties.getRuntime().setType("simulated");
        properties.setHeartbeatPeriod(template.getHeartbeatPeriod());
        properties.setLeaseDuration(template.getLeaseDuration());
        properties.setPodResyncPeriod(template.getPodResyncPeriod());
        properties.setLogDirectory(template.getLogDirectory());
        properties.setRootDirectory(template.getRootDirectory().resolve(name));
        properties.setProbeThreads(1);
        properties.setPodWorkers(hollow.getPodWorkers());
        return properties;
    }

    /** Number of hollow nodes running. */
    public int size() {
        return agents.size();
    }

    @Override
    public void close() {
        for (NodeAgent agent : agents) {
            try {
                agent.close();
            } catch (RuntimeException e) {
                log.warn("Stopping a hollow node failed", e);
            }
        }
        agents.clear();
    }
}
