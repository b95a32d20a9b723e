package dev.keel.api.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keel.api.status.ApiException;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain runs plugins in the order AdmissionPlugins names them, whatever order they are handed in. */
class AdmissionChainTest {

    private final List<String> ran = new ArrayList<>();

    private MutatingAdmission mutating(String name) {
        return new MutatingAdmission() {
            @Override
            public void mutate(AdmissionRequest request) {
                ran.add(name);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private ValidatingAdmission validating(String name, String error) {
        return new ValidatingAdmission() {
            @Override
            public void validate(AdmissionRequest request, FieldErrors errors) {
                ran.add(name);
                if (error != null) {
                    errors.invalid("data", "x", error);
                }
            }

            @Override
            public String name() {
                return name;
            }
        };
    }

    private static AdmissionRequest request() {
        return Requests.create(new ConfigMapBuilder().withNewMetadata().withName("c").withNamespace("ns").endMetadata().build());
    }

    @Test
    void pluginsRunInTheListedOrderMutatingThenSchemaThenValidating() {
        AdmissionPlugins order = new AdmissionPlugins(List.of("m1", "m2"), List.of("schema"), List.of("v1", "v2"));
        AdmissionChain chain = AdmissionChain.ordered(order, List.of(mutating("m2"), mutating("m1")),
                List.of(validating("v2", null), validating("schema", null), validating("v1", null)));

        chain.admit(request());

        assertThat(chain.names()).containsExactly("m1", "m2", "schema", "v1", "v2");
        assertThat(ran).containsExactly("m1", "m2", "schema", "v1", "v2");
    }

    @Test
    void aListedPluginWithoutABeanIsSkipped() {
        AdmissionPlugins order = new AdmissionPlugins(List.of("m1", "MutatingAdmissionWebhook"), List.of(), List.of("v1"));

        AdmissionChain chain = AdmissionChain.ordered(order, List.of(mutating("m1")), List.of(validating("v1", null)));

        assertThat(chain.names()).containsExactly("m1", "v1");
    }

    @Test
    void aPluginNobodyListedStopsTheChainBeingBuilt() {
        AdmissionPlugins order = new AdmissionPlugins(List.of("m1"), List.of(), List.of("v1"));

        assertThatThrownBy(() -> AdmissionChain.ordered(order, List.of(mutating("m1"), mutating("stray")), List.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("admission plugin stray is not in the mutating order of AdmissionPlugins: add its name where it must run");
        assertThatThrownBy(() -> AdmissionChain.ordered(order, List.of(), List.of(validating("v1", null), validating("v1", null))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("two admission plugins are named v1");
    }

    @Test
    void aNameListedTwiceIsRefused() {
        assertThatThrownBy(() -> new AdmissionPlugins(List.of("m1", "m1"), List.of(), List.of()))
                .hasMessage("admission plugin m1 is listed twice (mutating)");
        assertThatThrownBy(() -> new AdmissionPlugins(List.of(), List.of("s"), List.of("s")))
                .hasMessage("admission plugin s is listed twice (validating)");
    }

    @Test
    void schemaErrorsStopTheRequestBeforeTheValidatingPlugins() {
        AdmissionPlugins order = new AdmissionPlugins(List.of(), List.of("schema"), List.of("v1"));
        AdmissionChain chain = AdmissionChain.ordered(order, List.of(),
                List.of(validating("schema", "must be a number"), validating("v1", "never reached")));

        assertThatThrownBy(() -> chain.admit(request()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(422))
                .hasMessage("ConfigMap \"c\" is invalid: data: Invalid value: \"x\": must be a number");
        assertThat(ran).containsExactly("schema");
    }

    @Test
    void validatingErrorsAreReportedTogether() {
        AdmissionPlugins order = new AdmissionPlugins(List.of(), List.of(), List.of("v1", "v2"));
        AdmissionChain chain = AdmissionChain.ordered(order, List.of(),
                List.of(validating("v1", "first"), validating("v2", "second")));

        assertThatThrownBy(() -> chain.admit(request()))
                .hasMessage("ConfigMap \"c\" is invalid: [data: Invalid value: \"x\": first, data: Invalid value: \"x\": second]");
        assertThat(ran).containsExactly("v1", "v2");
    }

    @Test
    void theServedOrderNamesEachPluginOnce() {
        List<String> all = new ArrayList<>(AdmissionPlugins.ORDER.mutating());
        assertThat(all).doesNotHaveDuplicates().contains("ServiceAllocations");
        assertThat(AdmissionPlugins.ORDER.validating()).doesNotHaveDuplicates().startsWith("ObjectMetaValidation")
                .endsWith("LimitRangeEnforcement", "PolicyAdmission", "ValidatingWebhookAdmission", "ResourceQuotaAdmission");
    }
}
