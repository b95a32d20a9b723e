package dev.keel.api.patch;

import static dev.keel.api.patch.Json.node;
import static dev.keel.api.patch.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.keel.api.status.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

class PatchConfigurationTest {

    @Test
    void exposesThePatcherAndServerSideApplyUsingTheApplicationClock() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.registerBean(Clock.class, () -> Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));
            context.register(PatchConfiguration.class);
            context.refresh();

            assertThat(context.getBean(ObjectPatcher.class)).isInstanceOf(DefaultObjectPatcher.class);
            ObjectNode created = context.getBean(ServerSideApply.class).apply(null,
                    obj("{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: b}}"), Json.type("", "configmaps"),
                    "m", false);
            assertThat(created.at("/metadata/managedFields/0/time").asText()).isEqualTo("2030-01-01T00:00:00Z");
        }
    }

    @Test
    void worksWithoutAnApplicationClock() {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(PatchConfiguration.class)) {
            assertThat(context.getBean(ServerSideApply.class)).isInstanceOf(ManagedFieldsServerSideApply.class);
        }
    }

    @Test
    void leavesApplyPatchesToServerSideApply() {
        assertThatThrownBy(() -> new DefaultObjectPatcher().apply(PatchType.APPLY_YAML, obj("{a: 1}"), node("{a: 2}"),
                Json.type("", "configmaps")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(400));
    }
}
