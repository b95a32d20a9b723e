package dev.keel.runtime.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.keel.api.testing.PlatformApiServer;
import dev.keel.runtime.client.KubernetesClients;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

    @Test
    void repeatedEventsAboutAnObjectAreCountedOnOneEvent() {
        try (KubernetesClient client = KubernetesClients.fromKubeconfig(PlatformApiServer.shared().kubeconfig());
                EventRecorder recorder = new EventRecorder(client, "test-controller", "host-a", Clock.systemUTC())) {
            String name = "subject-" + UUID.randomUUID().toString().substring(0, 8);
            ConfigMap subject = client.configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(name).endMetadata().build()).create();

            recorder.normal(subject, "Synced", "synced once");
            recorder.normal(subject, "Synced", "synced once");
            recorder.warning(subject, "Failed", "could not sync");

            await().atMost(Duration.ofSeconds(10)).until(() -> events(client, name).size() == 2
                    && events(client, name).stream().anyMatch(event -> event.getCount() == 2));
            Event synced = events(client, name).stream().filter(event -> event.getReason().equals("Synced")).findFirst().orElseThrow();
            assertThat(synced.getType()).isEqualTo("Normal");
            assertThat(synced.getSource().getComponent()).isEqualTo("test-controller");
            assertThat(synced.getInvolvedObject().getUid()).isEqualTo(subject.getMetadata().getUid());
            assertThat(synced.getInvolvedObject().getKind()).isEqualTo("ConfigMap");
            // kubectl describe fails on an eventTime with other than six fractional digits.
            assertThat(synced.getEventTime().getTime()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z");
        }
    }

    private static List<Event> events(KubernetesClient client, String name) {
        return client.v1().events().inNamespace("default").withField("involvedObject.name", name).list().getItems();
    }
}
