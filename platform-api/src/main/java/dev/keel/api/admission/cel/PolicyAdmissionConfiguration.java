package dev.keel.api.admission.cel;

import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.watch.WatchHub;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;

/**
 * The beans of admission policies: defaulting and validation of the two kinds, their watch-fed caches and the
 * admission plugin. Imported by ApiConfiguration; deliberately not a {@code @Configuration} (nor the plugins
 * {@code @Component}s), so a component scan of the admission package, which has no watch hub, leaves them out.
 */
public class PolicyAdmissionConfiguration {

    static final String GROUP = "admissionregistration.k8s.io";

    @Bean
    public PolicyDefaulting validatingAdmissionPolicyDefaulting() {
        return new PolicyDefaulting();
    }

    @Bean
    public PolicyValidation validatingAdmissionPolicyValidation() {
        return new PolicyValidation();
    }

    @Bean
    public BindingValidation validatingAdmissionPolicyBindingValidation() {
        return new BindingValidation();
    }

    @Bean
    public WatchedObjects validatingAdmissionPolicies(ObjectStorage storage, WatchHub hub, ResourceRegistry registry) {
        return new WatchedObjects(storage, hub, registry.find(GROUP, "v1", "validatingadmissionpolicies").orElseThrow());
    }

    @Bean
    public WatchedObjects validatingAdmissionPolicyBindings(ObjectStorage storage, WatchHub hub, ResourceRegistry registry) {
        return new WatchedObjects(storage, hub, registry.find(GROUP, "v1", "validatingadmissionpolicybindings").orElseThrow());
    }

    @Bean
    public PolicyAdmission validatingAdmissionPolicyAdmission(
            @Qualifier("validatingAdmissionPolicies") WatchedObjects policies,
            @Qualifier("validatingAdmissionPolicyBindings") WatchedObjects bindings, ObjectStorage storage,
            ObjectCodec codec, ResourceRegistry registry) {
        return new PolicyAdmission(policies, bindings, codec, storage, registry);
    }
}
