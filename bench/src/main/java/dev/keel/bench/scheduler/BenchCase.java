package dev.keel.bench.scheduler;

/**
 * One scheduler benchmark case.
 *
 * @param name  how the table names it
 * @param nodes Node objects created before the scheduler starts
 * @param pods  pods created as fast as the API takes them once the scheduler is ready
 * @param mixed whether pods carry topology spread and pod (anti-)affinity (see {@link Manifests#pod})
 */
record BenchCase(String name, int nodes, int pods, boolean mixed) {
}
