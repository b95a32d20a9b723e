package dev.keel.examples.webapp;

import static dev.keel.examples.webapp.WebAppStatusCalculator.AVAILABLE;
import static dev.keel.examples.webapp.WebAppStatusCalculator.PROGRESSING;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebAppStatusCalculatorTest {

    private static final Instant T0 = Instant.parse("2026-12-07T20:00:00.750Z");
    private static final Instant T1 = Instant.parse("2026-12-07T20:05:00Z");

    private final WebApp shop = WebApps.webApp("shop", "nginx:1.27", 3, 8080);

    @Test
    void allPodsReadyAndUpdatedIsAvailableAndNoLongerProgressing() {
        WebAppStatus status = WebAppStatusCalculator.statusOf(shop, deployment(5, 5, 3, 3, 3), T0);

        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getReadyReplicas()).isEqualTo(3);
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(status.getSelector()).isEqualTo("examples.keel.dev/webapp=shop");
        assertCondition(status, AVAILABLE, "True", "ReplicasReady", "3/3 replicas ready");
        assertCondition(status, PROGRESSING, "False", "RolloutComplete", "3 replicas up to date and ready");
        assertThat(status.condition(AVAILABLE).orElseThrow().getLastTransitionTime()).isEqualTo("2026-12-07T20:00:00Z");
        assertThat(status.condition(AVAILABLE).orElseThrow().getObservedGeneration()).isEqualTo(3L);
    }

    @Test
    void fewerReadyPodsThanAskedIsNotAvailableAndProgressing() {
        WebAppStatus status = WebAppStatusCalculator.statusOf(shop, deployment(5, 5, 3, 3, 1), T0);

        assertThat(status.getReadyReplicas()).isEqualTo(1);
        assertCondition(status, AVAILABLE, "False", "ReplicasNotReady", "1/3 replicas ready");
        assertCondition(status, PROGRESSING, "True", "RollingOut", "rolling out: 3 updated, 1 ready, 3 in all, of 3");
    }

    @Test
    void aDeploymentSpecItsControllerHasNotSeenYetIsStillProgressing() {
        WebAppStatus status = WebAppStatusCalculator.statusOf(shop, deployment(6, 5, 3, 3, 3), T0);

        assertCondition(status, AVAILABLE, "True", "ReplicasReady", "3/3 replicas ready");
        assertThat(status.condition(PROGRESSING).orElseThrow().getStatus()).isEqualTo("True");
    }

    @Test
    void oldPodsStillAroundAfterAScaleDownAreProgressing() {
        WebApp one = WebApps.webApp("shop", "nginx:1.27", 1, 8080);

        WebAppStatus status = WebAppStatusCalculator.statusOf(one, deployment(5, 5, 3, 1, 3), T0);

        assertCondition(status, AVAILABLE, "True", "ReplicasReady", "3/1 replicas ready");
        assertThat(status.condition(PROGRESSING).orElseThrow().getStatus()).isEqualTo("True");
    }

    @Test
    void noDeploymentYetIsNeitherAvailableNorDoneProgressing() {
        WebAppStatus status = WebAppStatusCalculator.statusOf(shop, null, T0);

        assertThat(status.getReplicas()).isZero();
        assertCondition(status, AVAILABLE, "False", "ReplicasNotReady", "0/3 replicas ready");
        assertCondition(status, PROGRESSING, "True", "RollingOut", "no Deployment yet");
    }

    @Test
    void scaledToZeroIsAvailableOnceNoPodIsLeft() {
        WebApp zero = WebApps.webApp("shop", "nginx:1.27", 0, 8080);

        WebAppStatus status = WebAppStatusCalculator.statusOf(zero, deployment(5, 5, 0, 0, 0), T0);

        assertCondition(status, AVAILABLE, "True", "ReplicasReady", "0/0 replicas ready");
        assertThat(status.condition(PROGRESSING).orElseThrow().getStatus()).isEqualTo("False");
    }

    @Test
    void anUnchangedStateKeepsTransitionTimesSoTheStatusIsEqualAndNotWrittenAgain() {
        WebAppStatus first = WebAppStatusCalculator.statusOf(shop, deployment(5, 5, 3, 3, 3), T0);
        shop.setStatus(first);

        WebAppStatus again = WebAppStatusCalculator.statusOf(shop, deployment(5, 5, 3, 3, 3), T1);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aConditionThatChangesStatusGetsANewTransitionTimeTheOtherKeepsItsOwn() {
        shop.setStatus(WebAppStatusCalculator.statusOf(shop, deployment(5, 5, 3, 3, 3), T0));

        WebAppStatus degraded = WebAppStatusCalculator.statusOf(shop, deployment(5, 5, 3, 3, 2), T1);

        assertThat(degraded.condition(AVAILABLE).orElseThrow().getLastTransitionTime()).isEqualTo("2026-12-07T20:05:00Z");
        assertThat(degraded.condition(PROGRESSING).orElseThrow().getLastTransitionTime())
                .isEqualTo("2026-12-07T20:05:00Z");
        shop.setStatus(degraded);
        WebAppStatus recovered = WebAppStatusCalculator.statusOf(shop, deployment(5, 5, 3, 3, 3), T1.plusSeconds(60));
        assertThat(recovered.condition(AVAILABLE).orElseThrow().getLastTransitionTime()).isEqualTo("2026-12-07T20:06:00Z");
    }

    private static void assertCondition(WebAppStatus status, String type, String value, String reason, String message) {
        Condition condition = status.condition(type).orElseThrow();
        assertThat(condition.getStatus()).as(type).isEqualTo(value);
        assertThat(condition.getReason()).as(type).isEqualTo(reason);
        assertThat(condition.getMessage()).as(type).isEqualTo(message);
    }

    private static Deployment deployment(long generation, long observedGeneration, int replicas, int updated, int ready) {
        return new DeploymentBuilder()
                .withNewMetadata().withName("shop").withGeneration(generation).endMetadata()
                .withNewStatus().withObservedGeneration(observedGeneration).withReplicas(replicas)
                .withUpdatedReplicas(updated).withReadyReplicas(ready).endStatus()
                .build();
    }
}
