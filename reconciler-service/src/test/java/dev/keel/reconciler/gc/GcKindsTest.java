package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.resource.BuiltinResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcKindsTest {

    /** A served kind the collector does not follow would keep a foregroundDeletion or orphan finalizer for ever. */
    @Test
    void everyKindPlatformApiServesButEventsIsFollowed() {
        List<String> served = BuiltinResources.registry().all().stream()
                .filter(type -> !type.kind().equals("Event"))
                .map(type -> type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group())
                .toList();

        assertThat(GcKinds.served().all()).extracting(GcKind::qualifiedName).containsExactlyInAnyOrderElementsOf(served);
    }
}
