package dev.keel.scheduler.leader;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns for a Lease with fabric8's LeaderElector: runs {@code onStart} while this replica leads and
 * {@code onStop} when it stops leading; after losing the lease it campaigns again until closed. Closing releases a
 * held lease (unless configured not to) so another replica takes over at its next retry rather than after the lease
 * duration.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LeaderElection.class);

    /**
     * @param namespace     the Lease's namespace
     * @param name          the Lease's name
     * @param identity      this replica's holder identity
     * @param leaseDuration how long a lease holds without renewal
     * @param renewDeadline how long the leader keeps trying to renew
     * @param retryPeriod   how often to try to acquire or renew
     * @param releaseOnStop whether closing gives the lease up at once
     */
    public record Settings(String namespace, String name, String identity, Duration leaseDuration, Duration renewDeadline,
                           Duration retryPeriod, boolean releaseOnStop) {
    }

    private final KubernetesClient client;
    private final Settings settings;
    private final Runnable onStart;
    private final Runnable onStop;
    private volatile boolean closed;
    private volatile CompletableFuture<?> campaign;

    public LeaderElection(KubernetesClient client, Settings settings, Runnable onStart, Runnable onStop) {
        this.client = client;
        this.settings = settings;
        this.onStart = onStart;
        this.onStop = onStop;
    }

    public synchronized void start() {
        if (closed) {
            return;
        }
        log.info("Replica {} campaigns for lease {}/{}", settings.identity(), settings.namespace(), settings.name());
        campaign = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(settings.name())
                .withLock(new LeaseLock(settings.namespace(), settings.name(), settings.identity()))
                .withLeaseDuration(settings.leaseDuration())
                .withRenewDeadline(settings.renewDeadline())
                .withRetryPeriod(settings.retryPeriod())
                .withReleaseOnCancel(settings.releaseOnStop())
                .withLeaderCallbacks(new LeaderCallbacks(this::started, this::stopped,
                        leader -> log.info("Lease {}/{} is held by {}", settings.namespace(), settings.name(), leader)))
                .build()).build().start();
        campaign.whenComplete((result, error) -> {
            if (error != null && !closed) {
                log.warn("Leader election for {} ended with an error; campaigning again", settings.identity(), error);
            }
            if (!closed) {
                start();
            }
        });
    }

    private void started() {
        log.info("Replica {} leads", settings.identity());
        onStart.run();
    }

    private void stopped() {
        log.info("Replica {} stopped leading", settings.identity());
        onStop.run();
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (campaign != null) {
            campaign.cancel(true);
        }
    }
}
