package dev.keel.reconciler.gc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keel.api.resource.BuiltinResources;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcKindsTest {

    private static final GcKind WEB_APP = GcKind.custom("examples.keel.dev", "v1", "WebApp", "webapps", true);

    /** A served kind the collector does not follow would keep a foregroundDeletion or orphan finalizer for ever. */
    @Test
    void everyKindPlatformApiServesButEventsIsFollowed() {
        List<String> served = BuiltinResources.registry().all().stream()
                .filter(type -> !type.kind().equals("Event"))
                .map(type -> type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group())
                .toList();

        assertThat(GcKinds.served().all()).extracting(GcKind::qualifiedName).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void aCustomKindIsFollowedUntilItIsRemovedAndFoundByAnyVersionOfItsGroup() {
        GcKinds kinds = GcKinds.served();

        assertThat(kinds.addCustom(WEB_APP)).isTrue();
        assertThat(kinds.find("examples.keel.dev/v1", "WebApp")).contains(WEB_APP);
        assertThat(kinds.find("examples.keel.dev/v2", "WebApp")).contains(WEB_APP);
        assertThat(kinds.all()).contains(WEB_APP);
        assertThat(kinds.custom()).containsExactly(WEB_APP);

        kinds.removeCustom(WEB_APP.qualifiedName());

        assertThat(kinds.find("examples.keel.dev/v1", "WebApp")).isEmpty();
        assertThat(kinds.all()).doesNotContain(WEB_APP);
    }

    @Test
    void aCustomKindNeverShadowsABuiltInOne() {
        GcKinds kinds = GcKinds.served();
        GcKind impostor = GcKind.custom("apps", "v1", "Deployment", "deployments", true);

        assertThat(kinds.addCustom(impostor)).isFalse();
        assertThat(kinds.find("apps/v1", "Deployment").orElseThrow().custom()).isFalse();
    }

    @Test
    void aBuiltInKindKeepsItsVersionAndPlural() {
        GcKind deployment = GcKinds.served().find("apps/v1", "Deployment").orElseThrow();

        assertThat(deployment.collectionPath("team")).isEqualTo("/apis/apps/v1/namespaces/team/deployments");
        assertThat(GcKinds.served().find("v1", "Node").orElseThrow().collectionPath(null)).isEqualTo("/api/v1/nodes");
    }
}
