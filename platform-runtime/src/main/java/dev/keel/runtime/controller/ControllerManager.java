package dev.keel.runtime.controller;

import dev.keel.runtime.leader.LeaderElection;
import dev.keel.runtime.leader.LeaderElectionProperties;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
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
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(runnable -> {
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
        } else {
            lifecycle.execute(this::startControllers);
        }
    }

    public boolean isLeading() {
        return election == null || election.isLeader();
    }

    public List<Controller> controllers() {
        return controllers;
    }

    private void startControllers() {
        try {
            informers.awaitSynced(syncTimeout);
            for (Controller controller : controllers) {
                controller.start();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Could not start the controllers; stopping them", e);
            stopControllers();
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
        lifecycle.shutdown();
        informers.close();
    }
}
