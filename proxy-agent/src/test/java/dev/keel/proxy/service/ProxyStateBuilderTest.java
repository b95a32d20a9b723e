package dev.keel.proxy.service;

import static dev.keel.proxy.testing.Objects.endpoint;
import static dev.keel.proxy.testing.Objects.service;
import static dev.keel.proxy.testing.Objects.slice;
import static dev.keel.proxy.testing.Objects.withEndpoints;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyStateBuilderTest {

    private final ProxyStateBuilder builder = new ProxyStateBuilder();
    private final Service web = service("default", "web", "10.96.0.10", new IntOrString("web")).build();

    @Test
    void resolvesANamedTargetPortPerSlice() {
        ProxyState state = builder.build(List.of(web), List.of(
                withEndpoints(slice(web, "web-a", 8080), endpoint("10.244.1.2", true, true, false)),
                withEndpoints(slice(web, "web-b", 9090), endpoint("10.244.2.2", null, null, null))));

        assertThat(state.ports()).singleElement().satisfies(port -> {
            assertThat(port.displayName()).isEqualTo("default/web:http");
            assertThat(port.endpoints()).containsExactly(
                    new ServiceEndpoint("10.244.1.2", 8080), new ServiceEndpoint("10.244.2.2", 9090));
        });
    }

    @Test
    void leavesOutEndpointsThatAreNotReady() {
        ProxyState state = builder.build(List.of(web), List.of(withEndpoints(slice(web, "web-a", 8080),
                endpoint("10.244.1.2", true, true, false), endpoint("10.244.1.3", false, false, false))));

        assertThat(state.ports().get(0).endpoints()).containsExactly(new ServiceEndpoint("10.244.1.2", 8080));
    }

    @Test
    void fallsBackToServingTerminatingEndpointsWhenNoneIsReady() {
        ProxyState state = builder.build(List.of(web), List.of(withEndpoints(slice(web, "web-a", 8080),
                endpoint("10.244.1.2", false, true, true), endpoint("10.244.1.3", false, false, true))));

        assertThat(state.ports().get(0).endpoints()).containsExactly(new ServiceEndpoint("10.244.1.2", 8080));
    }

    @Test
    void ignoresSlicesOfOtherServicesAndNamespaces() {
        Service other = service("other", "web", "10.96.0.11", new IntOrString(80)).build();
        ProxyState state = builder.build(List.of(web), List.of(
                withEndpoints(slice(other, "web-x", 8080), endpoint("10.244.9.9", true, true, false))));

        assertThat(state.ports().get(0).hasEndpoints()).isFalse();
    }

    @Test
    void usesANumericTargetPortWhenTheSliceListsNoPort() {
        Service numeric = service("default", "num", "10.96.0.12", new IntOrString(8080)).build();
        var slice = slice(numeric, "num-a", 0).withPorts(List.of());

        ProxyState state = builder.build(List.of(numeric),
                List.of(withEndpoints(slice, endpoint("10.244.1.2", true, true, false))));

        assertThat(state.ports().get(0).endpoints()).containsExactly(new ServiceEndpoint("10.244.1.2", 8080));
    }

    @Test
    void readsNodePortsAndClientIpAffinity() {
        Service nodePort = new ServiceBuilder(web).editSpec().withType("NodePort").withSessionAffinity("ClientIP")
                .withNewSessionAffinityConfig().withNewClientIP().withTimeoutSeconds(60).endClientIP()
                .endSessionAffinityConfig().editFirstPort().withNodePort(30080).endPort().endSpec().build();

        ProxiedPort port = builder.build(List.of(nodePort), List.of()).ports().get(0);

        assertThat(port.nodePort()).isEqualTo(30080);
        assertThat(port.affinityTimeoutSeconds()).isEqualTo(60);
    }

    @Test
    void defaultsTheAffinityTimeoutToThreeHours() {
        Service sticky = new ServiceBuilder(web).editSpec().withSessionAffinity("ClientIP").endSpec().build();

        assertThat(builder.build(List.of(sticky), List.of()).ports().get(0).affinityTimeoutSeconds())
                .isEqualTo(10_800);
    }

    @Test
    void skipsHeadlessAndExternalNameServices() {
        Service headless = service("default", "headless", "None", new IntOrString(80)).build();
        Service external = new ServiceBuilder(service("default", "ext", "", new IntOrString(80)).build())
                .editSpec().withType("ExternalName").withExternalName("example.org").endSpec().build();

        assertThat(builder.build(List.of(headless, external), List.of()).ports()).isEmpty();
    }
}
