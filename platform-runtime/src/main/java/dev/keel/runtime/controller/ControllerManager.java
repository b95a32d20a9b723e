package dev.keel.runtime.controller;

import dev.keel.runtime.leader.LeaderElection;
import dev.keel.runtime.leader.LeaderElectionProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a process's controllers: the informers start at once (a standby replica keeps warm caches, so a takeover
 * acts within seconds), the controllers' workers only while this replica leads. Without leader election they run
 * as soon as the caches have synced.
 */
public final class ControllerManager implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControllerManager.class);

    private final Informers informers;
    private final List<Controller> controllers;
    private final LeaderElection election;
    private final Duration syncTimeout;
    /** System.nanoTime() since which this leader could not lead, or -1; only the lifecycle thread touches it. */
    private long cannotLeadSince = -1;
    private final ScheduledExecutorService lifecycle = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "controller-manager");
        thread.setDaemon(true);
        return thread;
    });

    public ControllerManager(Informers informers, List<Controller> controllers,
            LeaderElectionProperties leaderElection, Duration syncTimeout) {
        this.informers = informers;
        this.controllers = List.copyOf(controllers);
        this.syncTimeout = syncTimeout;
        this.election = leaderElection.isEnabled()
                ? new LeaderElection(informers.client(), leaderElection,
                        () -> lifecycle.execute(this::startControllers), () -> lifecycle.execute(this::stopControllers))
                : null;
    }

    public void start() {
        informers.start();
        if (election != null) {
            election.start();
            lifecycle.scheduleWithFixedDelay(this::checkLeaderCanLead, 1, 1, TimeUnit.SECONDS);
        } else {
            lifecycle.execute(this::startControllers);
        }
    }

    /**
     * A leader whose controllers stopped, or whose caches stopped being synced and watched, for longer than
     * {@code syncTimeout} gives its Lease up: holding it would keep the standbys from doing the work. Runs on the
     * lifecycle thread, so never during a start (which has its own bound).
     */
    private void checkLeaderCanLead() {
        if (election == null || !election.isLeader()) {
            cannotLeadSince = -1;
            return;
        }
        if (controllersRunning() && informers.allWatching()) {
            cannotLeadSince = -1;
            return;
        }
        long now = System.nanoTime();
        if (cannotLeadSince < 0) {
            cannotLeadSince = now;
        } else if (now - cannotLeadSince > syncTimeout.toNanos()) {
            cannotLeadSince = -1;
            log.error("Controllers not running or caches not synced for over {} while leading: stopping the controllers"
                    + " and giving up the lease", syncTimeout);
            stopControllers();
            election.yieldLeadership();
        }
    }

    public boolean isLeading() {
        return election == null || election.isLeader();
    }

    public List<Controller> controllers() {
        return controllers;
    }

    /** Whether every controller runs (its workers alive). */
    public boolean controllersRunning() {
        return controllers.stream().allMatch(Controller::isRunning);
    }

    /**
     * Starts the controllers once the caches have synced, within {@code syncTimeout}. A leader that cannot (caches
     * that never sync, a JVM too short of memory to list) gives its Lease up, so that another replica leads; without
     * leader election it tries again after the same time.
     */
    private void startControllers() {
        if (!isLeading()) {
            return;
        }
        try {
            informers.awaitSynced(syncTimeout);
            for (Controller controller : controllers) {
                controller.start();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            stopControllers();
            if (election != null) {
                log.error("Could not start the controllers within {}; stopping them and giving up the lease", syncTimeout, e);
                election.yieldLeadership();
            } else {
                log.error("Could not start the controllers within {}; stopping them and trying again in {}", syncTimeout,
                        syncTimeout, e);
                if (!lifecycle.isShutdown()) {
                    lifecycle.schedule(this::startControllers, syncTimeout.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    private void stopControllers() {
        controllers.forEach(Controller::stop);
    }

    @Override
    public void close() {
        // Stop acting before giving the lease away, so two leaders never act at once.
        stopControllers();
        if (election != null) {
            election.close();
        }
        // Now: a start scheduled for later must not run on closed informers.
        lifecycle.shutdownNow();
        informers.close();
    }
}
