package dev.keel.examples.webapp;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A WebApp's status from its Deployment as the API server last returned it:
 * <ul>
 *   <li>{@code Available} is True once as many pods are ready as the WebApp asks for;</li>
 *   <li>{@code Progressing} is True while the Deployment still moves towards the WebApp's spec (its controller has
 *       not seen the latest Deployment spec, or fewer pods are updated or ready than asked, or old pods remain),
 *       False once the rollout is complete.</li>
 * </ul>
 * A condition keeps its {@code lastTransitionTime} while its status stays the same, so reconciling an unchanged
 * WebApp computes an equal status and writes nothing.
 */
public final class WebAppStatusCalculator {

    public static final String AVAILABLE = "Available";
    public static final String PROGRESSING = "Progressing";

    private WebAppStatusCalculator() {
    }

    /**
     * @param deployment the WebApp's Deployment, or null when there is none yet
     * @param now the time a condition that changes status is stamped with
     */
    public static WebAppStatus statusOf(WebApp webApp, Deployment deployment, Instant now) {
        int desired = webApp.getSpec().replicasOrDefault();
        DeploymentStatus observed = deployment == null || deployment.getStatus() == null
                ? new DeploymentStatus() : deployment.getStatus();
        int replicas = orZero(observed.getReplicas());
        int ready = orZero(observed.getReadyReplicas());
        int updated = orZero(observed.getUpdatedReplicas());
        long generation = orZero(webApp.getMetadata().getGeneration());
        WebAppStatus previous = webApp.getStatus() == null ? new WebAppStatus() : webApp.getStatus();

        WebAppStatus status = new WebAppStatus();
        status.setReplicas(replicas);
        status.setReadyReplicas(ready);
        status.setSelector(WebAppResources.selector(webApp));
        status.setObservedGeneration(generation);

        boolean available = deployment != null && ready >= desired;
        Condition availableCondition = condition(previous, AVAILABLE, available,
                available ? "ReplicasReady" : "ReplicasNotReady",
                ready + "/" + desired + " replicas ready", generation, now);

        boolean rolloutSeen = deployment != null && observed.getObservedGeneration() != null
                && deployment.getMetadata().getGeneration() != null
                && observed.getObservedGeneration() >= deployment.getMetadata().getGeneration();
        boolean progressing = !rolloutSeen || updated < desired || ready < desired || replicas != desired;
        String progress = deployment == null ? "no Deployment yet"
                : progressing ? "rolling out: " + updated + " updated, " + ready + " ready, " + replicas
                        + " in all, of " + desired
                : desired + " replicas up to date and ready";
        Condition progressingCondition = condition(previous, PROGRESSING, progressing,
                progressing ? "RollingOut" : "RolloutComplete", progress, generation, now);

        status.setConditions(new ArrayList<>(List.of(availableCondition, progressingCondition)));
        return status;
    }

    private static Condition condition(WebAppStatus previous, String type, boolean isTrue, String reason,
            String message, long generation, Instant now) {
        String value = isTrue ? "True" : "False";
        String since = previous.condition(type)
                .filter(before -> Objects.equals(before.getStatus(), value))
                .map(Condition::getLastTransitionTime)
                .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
        return new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
