package dev.keel.api.resource;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Runtime additions and removals while others read. */
class ResourceRegistryTest {

    private static ResourceType custom(String version) {
        return new ResourceType("x.example.com", version, "Thing", "things", "thing", true, List.of(), List.of(), Set.of(),
                GenericKubernetesResource.class, true);
    }

    @Test
    void typesAddedAtRuntimeAreFoundAndRemovedOnesAreNot() {
        ResourceRegistry registry = BuiltinResources.registry();
        AtomicInteger changes = new AtomicInteger();
        registry.onChange(changes::incrementAndGet);
        int builtin = registry.all().size();

        registry.update(List.of(custom("v1"), custom("v1beta1")), List.of());
        assertThat(registry.find("x.example.com", "v1", "things")).isPresent();
        assertThat(registry.findByKind("x.example.com/v1beta1", "Thing")).isPresent();
        assertThat(registry.versions("x.example.com")).containsExactly("v1", "v1beta1");
        assertThat(registry.groups()).endsWith("x.example.com");

        registry.update(List.of(), List.of(custom("v1beta1")));
        assertThat(registry.find("x.example.com", "v1beta1", "things")).isEmpty();
        assertThat(registry.all()).hasSize(builtin + 1);
        assertThat(changes.get()).isEqualTo(2);
    }

    @Test
    void readersNeverFailWhileTypesComeAndGo() throws Exception {
        ResourceRegistry registry = BuiltinResources.registry();
        AtomicBoolean failed = new AtomicBoolean();
        AtomicBoolean done = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    registry.all().forEach(ResourceType::plural);
                    registry.inGroupVersion("x.example.com", "v1");
                    if (registry.find("", "v1", "pods").isEmpty()) {
                        failed.set(true);
                    }
                } catch (RuntimeException e) {
                    failed.set(true);
                }
            }
        });
        reader.start();
        for (int i = 0; i < 2000; i++) {
            registry.update(List.of(custom("v1")), List.of());
            registry.update(List.of(), List.of(custom("v1")));
        }
        done.set(true);
        reader.join();
        assertThat(failed).isFalse();
    }
}
