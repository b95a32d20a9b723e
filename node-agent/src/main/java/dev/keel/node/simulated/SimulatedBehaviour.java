package dev.keel.node.simulated;

import dev.keel.node.cri.v1.ContainerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What the simulated runtime's containers do: by default every image pulls and every container runs until stopped.
 *
 * @param missingImages images whose pull fails, as an unknown image would in a registry
 * @param script        for a container's config, how long it runs and how it ends (empty: runs until stopped)
 * @param exec          exit code of a command run in a container (ExecSync, exec probes); stdout and stderr stay empty
 */
public record SimulatedBehaviour(Set<String> missingImages, Function<ContainerConfig, Optional<Exit>> script,
    BiFunction<ContainerConfig, List<String>, Integer> exec) {

    /** Every command run in a container succeeds. */
    public SimulatedBehaviour(Set<String> missingImages, Function<ContainerConfig, Optional<Exit>> script) {
        this(missingImages, script, (config, command) -> 0);
    }

    /** A container that exits by itself {@code after} it started, with {@code code}. */
    public record Exit(Duration after, int code) {
    }

    public static SimulatedBehaviour runForever() {
        return new SimulatedBehaviour(Set.of(), config -> Optional.empty());
    }
}
