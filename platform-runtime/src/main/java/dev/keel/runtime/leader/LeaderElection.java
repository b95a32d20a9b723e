package dev.keel.runtime.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectorBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
    /** Set by {@link #yieldLeadership()}: the campaign after it waits, so that another replica can take over. */
    private volatile boolean yielded;

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
            if (closed) {
                return;
            }
            if (yielded) {
                yielded = false;
                Duration pause = properties.getLeaseDuration();
                log.info("{} campaigns for {}/{} again in {}", identity, properties.getLeaseNamespace(),
                        properties.getLeaseName(), pause);
                CompletableFuture.delayedExecutor(pause.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                    if (!closed) {
                        executor.execute(this::campaignOnce);
                    }
                });
                return;
            }
            if (failure != null) {
                log.warn("Leader election on {} ended with an error; campaigning again", properties.getLeaseName(), failure);
            }
            executor.execute(this::campaignOnce);
        });
    }

    /**
     * Gives the Lease up because this replica cannot do a leader's work (its controllers did not start or stopped, or
     * its caches stopped being synced): stops leading, releases the Lease so that a standby takes it within one retry
     * period, and campaigns again only after one lease duration. A leader that kept a Lease it cannot use would stop
     * the whole cluster's controllers.
     */
    public void yieldLeadership() {
        CompletableFuture<?> running;
        synchronized (this) {
            if (closed || !leading) {
                return;
            }
            yielded = true;
            running = campaign;
        }
        log.warn("{} gives up the lease {}/{}: it cannot run what a leader runs", identity,
                properties.getLeaseNamespace(), properties.getLeaseName());
        stopped();
        if (running != null) {
            // fabric8's elector releases the Lease when cancelled (releaseOnCancel).
            running.cancel(true);
        }
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
