package dev.keel.api.admission.defaults;

import dev.keel.api.admission.AdmissionProperties;
import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.MutatingAdmission;
import dev.keel.api.admission.Operation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Gives every pod a bounded tolerance of its node going not-ready or unreachable (the taint manager evicts it
 * after that many seconds), unless the pod already tolerates those taints. Like Kubernetes' plugin it runs on
 * create and update of pods proper, so a replace that leaves the tolerations out does not remove them.
 */
@Component
public class DefaultTolerationSeconds implements MutatingAdmission {

    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    private final AdmissionProperties properties;

    public DefaultTolerationSeconds(AdmissionProperties properties) {
        this.properties = properties;
    }

    @Override
    public void mutate(AdmissionRequest request) {
        if (!request.isKind("Pod") || request.operation() == Operation.DELETE || !(request.object() instanceof Pod pod)
                || pod.getSpec() == null) {
            return;
        }
        List<Toleration> tolerations = pod.getSpec().getTolerations() == null ? new ArrayList<>()
                : new ArrayList<>(pod.getSpec().getTolerations());
        boolean notReady = false;
        boolean unreachable = false;
        for (Toleration toleration : tolerations) {
            notReady |= covers(toleration, NOT_READY);
            unreachable |= covers(toleration, UNREACHABLE);
        }
        if (!notReady) {
            tolerations.add(toleration(NOT_READY, properties.getDefaultNotReadyTolerationSeconds()));
        }
        if (!unreachable) {
            tolerations.add(toleration(UNREACHABLE, properties.getDefaultUnreachableTolerationSeconds()));
        }
        pod.getSpec().setTolerations(tolerations);
    }

    /** An empty key or effect matches every key or effect. */
    private static boolean covers(Toleration toleration, String key) {
        boolean keyMatches = toleration.getKey() == null || toleration.getKey().isEmpty() || toleration.getKey().equals(key);
        boolean effectMatches = toleration.getEffect() == null || toleration.getEffect().isEmpty()
                || toleration.getEffect().equals("NoExecute");
        return keyMatches && effectMatches;
    }

    private static Toleration toleration(String key, long seconds) {
        Toleration toleration = new Toleration();
        toleration.setKey(key);
        toleration.setOperator("Exists");
        toleration.setEffect("NoExecute");
        toleration.setTolerationSeconds(seconds);
        return toleration;
    }
}
