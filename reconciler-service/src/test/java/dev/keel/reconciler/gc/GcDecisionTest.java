package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GcDecisionTest {

    private static OwnerReference owner(String uid) {
        return new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("cm-" + uid).withUid(uid).build();
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("live owner: keep", Map.of("a", OwnerState.SOLID), false, List.of(),
                        GcDecision.KEEP),
                Arguments.of("owner of an unknown kind: keep", Map.of("a", OwnerState.UNKNOWN_KIND), false, List.of(),
                        GcDecision.KEEP),
                Arguments.of("owner gone: delete in the background", Map.of("a", OwnerState.DANGLING), false, List.of(),
                        new GcDecision(GcDecision.Action.DELETE, List.of(), "Background")),
                Arguments.of("one of two owners gone: drop its reference",
                        Map.of("a", OwnerState.SOLID, "b", OwnerState.DANGLING), false, List.of(),
                        new GcDecision(GcDecision.Action.REMOVE_REFERENCES, List.of("b"), null)),
                Arguments.of("owner deleting in the foreground beside a live one: drop its reference",
                        Map.of("a", OwnerState.SOLID, "b", OwnerState.WAITING_FOR_DEPENDENTS), false, List.of(),
                        new GcDecision(GcDecision.Action.REMOVE_REFERENCES, List.of("b"), null)),
                Arguments.of("owner deleting in the foreground, object owns others: foreground in turn",
                        Map.of("a", OwnerState.WAITING_FOR_DEPENDENTS), true, List.of(),
                        new GcDecision(GcDecision.Action.DELETE, List.of(), "Foreground")),
                Arguments.of("owner deleting in the foreground, object owns nothing: background",
                        Map.of("a", OwnerState.WAITING_FOR_DEPENDENTS), false, List.of(),
                        new GcDecision(GcDecision.Action.DELETE, List.of(), "Background")),
                Arguments.of("object asks to orphan its own dependents", Map.of("a", OwnerState.DANGLING), true,
                        List.of("orphan"), new GcDecision(GcDecision.Action.DELETE, List.of(), "Orphan")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesFromTheOwnersStates(String description, Map<String, OwnerState> states, boolean hasDependents,
            List<String> finalizers, GcDecision expected) {
        List<OwnerReference> owners = states.keySet().stream().sorted().map(GcDecisionTest::owner).toList();

        assertThat(GcDecision.decide(owners, states, hasDependents, finalizers)).isEqualTo(expected);
    }

    private static OwnerReference webApp(String uid) {
        return new OwnerReferenceBuilder().withApiVersion("examples.keel.dev/v1").withKind("WebApp").withName("web-" + uid)
                .withUid(uid).build();
    }

    /** The decision does not care whether an owner's kind is built in or custom: only what was found at its end. */
    @Test
    void anOwnerOfACustomKindDecidesAsABuiltInOne() {
        List<OwnerReference> owners = List.of(webApp("a"));

        assertThat(GcDecision.decide(owners, Map.of("a", OwnerState.DANGLING), false, List.of()))
                .isEqualTo(new GcDecision(GcDecision.Action.DELETE, List.of(), "Background"));
        assertThat(GcDecision.decide(owners, Map.of("a", OwnerState.SOLID), false, List.of())).isEqualTo(GcDecision.KEEP);
        assertThat(GcDecision.decide(owners, Map.of("a", OwnerState.WAITING_FOR_DEPENDENTS), true, List.of()))
                .isEqualTo(new GcDecision(GcDecision.Action.DELETE, List.of(), "Foreground"));
    }

    /** Kubernetes keeps a dependent while discovery cannot resolve its owner's kind, even beside a gone owner. */
    @Test
    void anOwnerOfAnUnresolvableKindKeepsTheObject() {
        List<OwnerReference> owners = List.of(webApp("a"), owner("b"));

        assertThat(GcDecision.decide(owners, Map.of("a", OwnerState.UNKNOWN_KIND), false, List.of()))
                .isEqualTo(GcDecision.KEEP);
        assertThat(GcDecision.decide(owners, Map.of("a", OwnerState.UNKNOWN_KIND, "b", OwnerState.DANGLING), false,
                List.of())).isEqualTo(new GcDecision(GcDecision.Action.REMOVE_REFERENCES, List.of("b"), null));
    }

    @Test
    void anObjectWithoutOwnersIsNeverCollected() {
        assertThat(GcDecision.decide(List.of(), Map.of(), false, List.of())).isEqualTo(GcDecision.KEEP);
    }
}
