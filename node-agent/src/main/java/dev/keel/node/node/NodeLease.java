package dev.keel.node.node;

import dev.keel.node.NodeAgentProperties;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The node's heartbeat: a Lease named after the node in kube-node-lease, renewed every heartbeat period. */
public class NodeLease {

    public static final String NAMESPACE = "kube-node-lease";

    private static final Logger log = LoggerFactory.getLogger(NodeLease.class);

    private final KubernetesClient client;
    private final NodeAgentProperties properties;
    private final Clock clock;

    public NodeLease(KubernetesClient client, NodeAgentProperties properties, Clock clock) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
    }

    /** Creates the Lease or moves its renewTime to now. */
    public void renew() {
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        var leases = client.leases().inNamespace(NAMESPACE);
        Lease existing = leases.withName(properties.getName()).get();
        if (existing == null) {
            leases.resource(new LeaseBuilder()
                .withNewMetadata().withName(properties.getName()).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withHolderIdentity(properties.getName())
                .withLeaseDurationSeconds((int) properties.getLeaseDuration().toSeconds())
                .withRenewTime(now).endSpec().build()).create();
            log.info("Created lease {}/{}", NAMESPACE, properties.getName());
            return;
        }
        leases.resource(new LeaseBuilder(existing).editSpec().withRenewTime(now)
            .withHolderIdentity(properties.getName())
            .withLeaseDurationSeconds((int) properties.getLeaseDuration().toSeconds()).endSpec().build()).update();
    }
}
