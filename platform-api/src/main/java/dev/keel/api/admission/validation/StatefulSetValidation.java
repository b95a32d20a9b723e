package dev.keel.api.admission.validation;

import dev.keel.api.admission.AdmissionRequest;
import dev.keel.api.admission.FieldErrors;
import dev.keel.api.admission.ModelTrees;
import dev.keel.api.admission.Operation;
import dev.keel.api.admission.ValidatingAdmission;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetUpdateStrategy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Stateful sets: policies, selector and template; after creation only replicas, ordinals, template, update
 * strategy, claim retention and minReadySeconds may change (service name, claim templates, pod management
 * policy and selector may not).
 */
@Component
public class StatefulSetValidation implements ValidatingAdmission {

    static final String UPDATE_FORBIDDEN = "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
            + "'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";
    private static final List<String> RETENTION = List.of("Retain", "Delete");

    @Override
    public void validate(AdmissionRequest request, FieldErrors errors) {
        if (!request.isKind("StatefulSet") || !(request.object() instanceof StatefulSet statefulSet)) {
            return;
        }
        StatefulSetSpec spec = statefulSet.getSpec();
        if (spec == null) {
            errors.required("spec.selector", "");
            return;
        }
        String policy = spec.getPodManagementPolicy() == null ? "" : spec.getPodManagementPolicy();
        if (policy.isEmpty()) {
            errors.required("spec.podManagementPolicy", "");
        } else if (!policy.equals("OrderedReady") && !policy.equals("Parallel")) {
            errors.invalid("spec.podManagementPolicy", policy, "must be 'OrderedReady' or 'Parallel'");
        }
        updateStrategy(errors, spec.getUpdateStrategy());
        retention(errors, spec.getPersistentVolumeClaimRetentionPolicy());
        WorkloadRules.nonNegative(errors, "spec.replicas", spec.getReplicas());
        WorkloadRules.nonNegative(errors, "spec.minReadySeconds", spec.getMinReadySeconds());
        if (spec.getOrdinals() != null) {
            WorkloadRules.nonNegative(errors, "spec.ordinals.start", spec.getOrdinals().getStart());
        }
        WorkloadRules.selector(errors, spec.getSelector(), spec.getTemplate(), "statefulset");
        PodSpecRules.template(errors, "spec.template", spec.getTemplate(), claimNames(errors, spec.getVolumeClaimTemplates()),
                request.operation() == Operation.UPDATE && request.oldObject() instanceof StatefulSet old && old.getSpec() != null
                        ? PodSpecRules.stored(old.getSpec().getTemplate()) : null);
        WorkloadRules.alwaysRestarting(errors, spec.getTemplate(), "StatefulSet");
        if (request.operation() == Operation.UPDATE && request.oldObject() instanceof StatefulSet old && old.getSpec() != null) {
            validateUpdate(errors, old.getSpec(), spec);
        }
    }

    private static void updateStrategy(FieldErrors errors, StatefulSetUpdateStrategy strategy) {
        String type = strategy == null || strategy.getType() == null ? "" : strategy.getType();
        switch (type) {
            case "" -> errors.required("spec.updateStrategy", "");
            case "OnDelete" -> {
                if (strategy.getRollingUpdate() != null) {
                    Integer partition = strategy.getRollingUpdate().getPartition();
                    errors.invalid("spec.updateStrategy.rollingUpdate", new GoValue("apps.RollingUpdateStatefulSetStrategy{Partition:"
                            + (partition == null ? 0 : partition) + ", MaxUnavailable:"
                            + (strategy.getRollingUpdate().getMaxUnavailable() == null ? "(*intstr.IntOrString)(nil)"
                                    : GoValue.intOrString(strategy.getRollingUpdate().getMaxUnavailable())) + "}"),
                            "only allowed for updateStrategy 'RollingUpdate'");
                }
            }
            case "RollingUpdate" -> {
                if (strategy.getRollingUpdate() != null) {
                    String path = "spec.updateStrategy.rollingUpdate";
                    WorkloadRules.nonNegative(errors, path + ".partition", strategy.getRollingUpdate().getPartition());
                    if (strategy.getRollingUpdate().getMaxUnavailable() != null) {
                        WorkloadRules.intOrPercent(errors, path + ".maxUnavailable", strategy.getRollingUpdate().getMaxUnavailable());
                        if (WorkloadRules.amount(strategy.getRollingUpdate().getMaxUnavailable()) == 0) {
                            errors.invalid(path + ".maxUnavailable", GoValue.intOrString(strategy.getRollingUpdate().getMaxUnavailable()),
                                    "cannot be 0");
                        }
                        WorkloadRules.notMoreThan100Percent(errors, path + ".maxUnavailable", strategy.getRollingUpdate().getMaxUnavailable());
                    }
                }
            }
            default -> errors.invalid("spec.updateStrategy", type, "must be 'RollingUpdate' or 'OnDelete'");
        }
    }

    private static void retention(FieldErrors errors, StatefulSetPersistentVolumeClaimRetentionPolicy policy) {
        if (policy == null) {
            return;
        }
        String path = "spec.persistentVolumeClaimRetentionPolicy";
        if (!RETENTION.contains(String.valueOf(policy.getWhenDeleted()))) {
            errors.notSupported(path + ".whenDeleted", policy.getWhenDeleted() == null ? "" : policy.getWhenDeleted(), RETENTION);
        }
        if (!RETENTION.contains(String.valueOf(policy.getWhenScaled()))) {
            errors.notSupported(path + ".whenScaled", policy.getWhenScaled() == null ? "" : policy.getWhenScaled(), RETENTION);
        }
    }

    private static Set<String> claimNames(FieldErrors errors, List<PersistentVolumeClaim> claims) {
        Set<String> names = new LinkedHashSet<>();
        if (claims == null) {
            return names;
        }
        for (int i = 0; i < claims.size(); i++) {
            PersistentVolumeClaim claim = claims.get(i);
            String name = claim.getMetadata() == null ? null : claim.getMetadata().getName();
            String path = "spec.volumeClaimTemplates[" + i + "].metadata.name";
            if (name == null || name.isEmpty()) {
                errors.required(path, "");
            } else {
                errors.invalidEach(path, name, NameRules.dns1123Subdomain(name));
                names.add(name);
            }
        }
        return names;
    }

    private static void validateUpdate(FieldErrors errors, StatefulSetSpec old, StatefulSetSpec updated) {
        StatefulSetSpec munged = ModelTrees.copy(updated);
        munged.setReplicas(old.getReplicas());
        munged.setTemplate(old.getTemplate());
        munged.setUpdateStrategy(old.getUpdateStrategy());
        munged.setMinReadySeconds(old.getMinReadySeconds());
        munged.setOrdinals(old.getOrdinals());
        munged.setPersistentVolumeClaimRetentionPolicy(old.getPersistentVolumeClaimRetentionPolicy());
        if (!ModelTrees.tree(munged).equals(ModelTrees.tree(old))) {
            errors.forbidden("spec", UPDATE_FORBIDDEN);
        }
    }
}
