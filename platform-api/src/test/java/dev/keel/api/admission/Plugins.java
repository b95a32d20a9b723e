package dev.keel.api.admission;

import dev.keel.api.admission.defaults.CronJobDefaulting;
import dev.keel.api.admission.defaults.DaemonSetDefaulting;
import dev.keel.api.admission.defaults.DefaultTolerationSeconds;
import dev.keel.api.admission.defaults.DeploymentDefaulting;
import dev.keel.api.admission.defaults.EndpointSliceDefaulting;
import dev.keel.api.admission.defaults.EndpointsDefaulting;
import dev.keel.api.admission.defaults.JobDefaulting;
import dev.keel.api.admission.defaults.LimitRangeDefaulting;
import dev.keel.api.admission.defaults.NamespaceDefaulting;
import dev.keel.api.admission.defaults.NodeDefaulting;
import dev.keel.api.admission.defaults.PersistentVolumeClaimDefaulting;
import dev.keel.api.admission.defaults.PodDefaulting;
import dev.keel.api.admission.defaults.PriorityClassDefaulting;
import dev.keel.api.admission.defaults.ReplicaSetDefaulting;
import dev.keel.api.admission.defaults.ReplicationControllerDefaulting;
import dev.keel.api.admission.defaults.SecretDefaulting;
import dev.keel.api.admission.defaults.ServiceDefaulting;
import dev.keel.api.admission.defaults.StatefulSetDefaulting;
import dev.keel.api.admission.validation.ConfigMapValidation;
import dev.keel.api.admission.validation.CronJobValidation;
import dev.keel.api.admission.validation.DaemonSetValidation;
import dev.keel.api.admission.validation.DeploymentValidation;
import dev.keel.api.admission.validation.EndpointsValidation;
import dev.keel.api.admission.validation.EphemeralContainersValidation;
import dev.keel.api.admission.validation.EndpointSliceValidation;
import dev.keel.api.admission.validation.JobValidation;
import dev.keel.api.admission.validation.LeaseValidation;
import dev.keel.api.admission.validation.LimitRangeValidation;
import dev.keel.api.admission.validation.PriorityClassValidation;
import dev.keel.api.admission.validation.NamespaceValidation;
import dev.keel.api.admission.validation.NodeValidation;
import dev.keel.api.admission.validation.ObjectMetaValidation;
import dev.keel.api.admission.validation.PersistentVolumeClaimValidation;
import dev.keel.api.admission.validation.PodDisruptionBudgetValidation;
import dev.keel.api.admission.validation.PodValidation;
import dev.keel.api.admission.validation.ReplicaSetValidation;
import dev.keel.api.admission.validation.ResourceQuotaValidation;
import dev.keel.api.admission.validation.ReplicationControllerValidation;
import dev.keel.api.admission.validation.SecretValidation;
import dev.keel.api.admission.validation.ServiceValidation;
import dev.keel.api.admission.validation.StatefulSetValidation;
import java.util.List;
import java.util.stream.Collectors;

/** The defaulting and validating plugins, in chain order, without Spring; plus helpers to run them. */
public final class Plugins {

    private Plugins() {
    }

    public static List<MutatingAdmission> defaulting() {
        return List.of(new PodDefaulting(), new DeploymentDefaulting(), new ReplicaSetDefaulting(), new DaemonSetDefaulting(),
                new StatefulSetDefaulting(), new JobDefaulting(), new CronJobDefaulting(), new ServiceDefaulting(), new SecretDefaulting(),
                new PersistentVolumeClaimDefaulting(), new NamespaceDefaulting(), new EndpointsDefaulting(),
                new EndpointSliceDefaulting(), new NodeDefaulting(), new PriorityClassDefaulting(),
                new LimitRangeDefaulting(), new ReplicationControllerDefaulting(),
                new DefaultTolerationSeconds(new AdmissionProperties()));
    }

    public static List<ValidatingAdmission> validating() {
        return List.of(new ObjectMetaValidation(), new PodValidation(), new DeploymentValidation(), new ReplicaSetValidation(),
                new DaemonSetValidation(), new StatefulSetValidation(), new JobValidation(), new CronJobValidation(), new ServiceValidation(),
                new ConfigMapValidation(), new SecretValidation(), new PersistentVolumeClaimValidation(), new NamespaceValidation(),
                new NodeValidation(), new EndpointSliceValidation(), new LeaseValidation(), new PriorityClassValidation(),
                new EndpointsValidation(), new EphemeralContainersValidation(), new ResourceQuotaValidation(),
                new LimitRangeValidation(), new PodDisruptionBudgetValidation(), new ReplicationControllerValidation());
    }

    /** Runs every defaulting plugin on the request's object. */
    public static AdmissionRequest defaulted(AdmissionRequest request) {
        defaulting().forEach(plugin -> plugin.mutate(request));
        return request;
    }

    /** The validation errors for a request, as {@code field: message} lines, without defaulting first. */
    public static List<String> errors(AdmissionRequest request) {
        FieldErrors errors = new FieldErrors();
        validating().forEach(plugin -> plugin.validate(request, errors));
        return errors.causes().stream().map(cause -> cause.getField() + ": " + cause.getMessage()).collect(Collectors.toList());
    }

    /** Defaults, then validates. */
    public static List<String> admit(AdmissionRequest request) {
        return errors(defaulted(request));
    }
}
