package dev.keel.scheduler.service;

import dev.keel.runtime.controller.InformerRetries;
import dev.keel.runtime.health.RuntimeHealth;
import dev.keel.runtime.leader.LeaderElection;
import dev.keel.scheduler.cache.SchedulerCache;
import dev.keel.scheduler.queue.SchedulingQueue;
import dev.keel.scheduler.scheduling.Scheduler;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the scheduler: informers on pods and nodes keep the queue and cache current on every replica; the
 * scheduling loop, the queue's flush and the cache's cleanup run only while this replica leads (or always, with
 * leader election off). Losing the lease stops the loop; a new loop starts on a fresh scheduler when leading again.
 */
public final class SchedulerRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SchedulerRunner.class);
    private static final long LIST_PAGE = 500;

    private final KubernetesClient client;
    private final SchedulingQueue queue;
    private final SchedulerCache cache;
    private final Scheduler scheduler;
    private final ExecutorService binders;
    private final Supplier<LeaderElection> elections;
    private SharedIndexInformer<Pod> pods;
    private SharedIndexInformer<Node> nodes;
    private LeaderElection election;
    private ScheduledExecutorService housekeeping;
    private Thread loop;
    private volatile boolean running;
    private RuntimeHealth health;

    /**
     * @param elections makes the leader election given its start and stop actions; null runs without one
     */
    public SchedulerRunner(KubernetesClient client, SchedulingQueue queue, SchedulerCache cache, Scheduler scheduler,
                           ExecutorService binders,
                           BiFunction<Runnable, Runnable, LeaderElection> elections) {
        this.client = client;
        this.queue = queue;
        this.cache = cache;
        this.scheduler = scheduler;
        this.binders = binders;
        this.elections = elections == null ? null : () -> elections.apply(this::lead, this::stopLeading);
    }

    /** Reports the informers and the scheduling loop to the service's health. */
    public void reportTo(RuntimeHealth health) {
        this.health = health;
    }

    /**
     * Starts the informers, and the campaign for the Lease once their caches have synced (on a thread of its own, so
     * start-up does not hang on a platform-api that does not answer; the health says DOWN meanwhile).
     */
    @Override
    public synchronized void start() {
        // Listed in pages, as client-go's reflector does: one response for every pod of a large cluster is megabytes.
        nodes = client.nodes().withLimit(LIST_PAGE).runnableInformer(0);
        nodes.exceptionHandler(new InformerRetries("Node"));
        nodes.addEventHandler(new NodeEvents(queue, cache));
        pods = client.pods().inAnyNamespace().withLimit(LIST_PAGE).runnableInformer(0);
        pods.exceptionHandler(new InformerRetries("Pod"));
        pods.addEventHandler(new PodEvents(queue, cache, scheduler::serves));
        if (health != null) {
            health.informer("Node", nodes);
            health.informer("Pod", pods);
            health.controller("scheduling-loop", this::shouldSchedule, this::isLeading);
        }
        running = true;
        nodes.start();
        pods.start();
        Thread starter = new Thread(this::campaignOnceSynced, "scheduler-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void campaignOnceSynced() {
        try {
            while (running && !(nodes.hasSynced() && pods.hasSynced())) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            if (!running) {
                return;
            }
            log.info("Informers synced: {} nodes, {} pods placed", cache.nodeCount(), cache.podCount());
            if (elections == null) {
                lead();
            } else {
                election = elections.get();
                election.start();
            }
        }
    }

    /** Whether the scheduling loop should run here: started, and leading (or without leader election). */
    private synchronized boolean shouldSchedule() {
        return running && (elections == null || (election != null && election.isLeader()));
    }

    private synchronized void lead() {
        if (!running || loop != null) {
            return;
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "scheduler-housekeeping"));
        housekeeping.scheduleWithFixedDelay(queue::flush, 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(cache::cleanupExpired, 1, 1, TimeUnit.SECONDS);
        loop = new Thread(scheduler, "scheduler-loop");
        loop.start();
        log.info("Scheduling loop started");
    }

    /** Kube-scheduler exits when it loses the lease; here the loop stops and the replica stays a candidate. */
    private synchronized void stopLeading() {
        if (loop == null) {
            return;
        }
        loop.interrupt();
        housekeeping.shutdownNow();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loop = null;
        log.info("Scheduling loop stopped");
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (election != null) {
            election.close();
        }
        stopLeading();
        binders.shutdown();
        try {
            if (!binders.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Bind calls still running at shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pods != null) {
            pods.close();
        }
        if (nodes != null) {
            nodes.close();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Whether the scheduling loop runs here (this replica leads). */
    public synchronized boolean isLeading() {
        return loop != null && loop.isAlive();
    }
}
