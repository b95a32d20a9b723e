package dev.keel.runtime.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns for a Lease with fabric8's elector and keeps campaigning after losing it: {@code onStartedLeading} runs
 * when this replica becomes leader, {@code onStoppedLeading} when it stops (lost renewal or shutdown), so the caller
 * starts and stops its loops accordingly. The lease is released on {@link #close()} so a successor need not wait.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    private final KubernetesClient client;
    private final LeaderElectionProperties properties;
    private final String identity;
    private final Runnable onStartedLeading;
    private final Runnable onStoppedLeading;
    private final ExecutorService executor;
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile CompletableFuture<?> campaign;

    public LeaderElection(KubernetesClient client, LeaderElectionProperties properties,
            Runnable onStartedLeading, Runnable onStoppedLeading) {
        if (properties.getLeaseName() == null || properties.getLeaseName().isBlank()) {
            throw new IllegalArgumentException("leader election needs a lease name");
        }
        this.client = client;
        this.properties = properties;
        this.identity = properties.getIdentity() != null ? properties.getIdentity() : defaultIdentity();
        this.onStartedLeading = onStartedLeading;
        this.onStoppedLeading = onStoppedLeading;
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "leader-election-" + properties.getLeaseName());
            thread.setDaemon(true);
            return thread;
        });
    }

    public String identity() {
        return identity;
    }

    public boolean isLeader() {
        return leading;
    }

    /** Starts campaigning; returns at once. */
    public synchronized void start() {
        if (closed || campaign != null) {
            return;
        }
        campaignOnce();
    }

    private synchronized void campaignOnce() {
        if (closed) {
            return;
        }
        LeaderElector elector = new LeaderElectorBuilder(client, executor)
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(properties.getLeaseName())
                        .withLock(new LeaseLock(properties.getLeaseNamespace(), properties.getLeaseName(), identity))
                        .withLeaseDuration(properties.getLeaseDuration())
                        .withRenewDeadline(properties.getRenewDeadline())
                        .withRetryPeriod(properties.getRetryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped,
                                leader -> log.info("Lease {}/{} is held by {}", properties.getLeaseNamespace(),
                                        properties.getLeaseName(), leader)))
                        .build())
                .build();
        CompletableFuture<?> running = elector.start();
        campaign = running;
        // fabric8's elector ends once leadership is lost; a replica keeps campaigning until it is closed.
        running.whenComplete((ignored, failure) -> {
            if (failure != null && !closed) {
                log.warn("Leader election on {} ended with an error; campaigning again", properties.getLeaseName(), failure);
            }
            if (!closed) {
                executor.execute(this::campaignOnce);
            }
        });
    }

    private void started() {
        leading = true;
        log.info("{} became leader of {}/{}", identity, properties.getLeaseNamespace(), properties.getLeaseName());
        onStartedLeading.run();
    }

    private void stopped() {
        if (!leading) {
            return;
        }
        leading = false;
        log.info("{} stopped leading {}/{}", identity, properties.getLeaseNamespace(), properties.getLeaseName());
        onStoppedLeading.run();
    }

    @Override
    public synchronized void close() {
        closed = true;
        CompletableFuture<?> running = campaign;
        if (running != null) {
            running.cancel(true);
        }
        executor.shutdown();
    }

    private static String defaultIdentity() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
