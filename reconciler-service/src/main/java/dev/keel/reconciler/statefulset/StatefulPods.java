package dev.keel.reconciler.statefulset;

import dev.keel.reconciler.workload.PodTemplates;
import dev.keel.runtime.objects.Owners;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The stable identity of a StatefulSet's pods: names, labels, hostname and their PersistentVolumeClaims. */
public final class StatefulPods {

    public static final String POD_NAME_LABEL = "statefulset.kubernetes.io/pod-name";
    public static final String REVISION_LABEL = "controller-revision-hash";
    public static final String POD_INDEX_LABEL = "apps.kubernetes.io/pod-index";
    private static final Pattern ORDINAL = Pattern.compile("^(.*)-(0|[1-9][0-9]*)$");

    private StatefulPods() {
    }

    public static String podName(StatefulSet set, int ordinal) {
        return set.getMetadata().getName() + "-" + ordinal;
    }

    /** The ordinal of a pod named {@code <set>-<ordinal>}; empty for any other name. */
    public static OptionalInt ordinalOf(String setName, String podName) {
        Matcher matcher = ORDINAL.matcher(podName);
        if (!matcher.matches() || !matcher.group(1).equals(setName)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(matcher.group(2)));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** {@code <template>-<set>-<ordinal>}, as Kubernetes names a StatefulSet's claims. */
    public static String claimName(String templateName, StatefulSet set, int ordinal) {
        return templateName + "-" + podName(set, ordinal);
    }

    /** The revision a StatefulSet's current template has: {@code <set>-<template hash>}. */
    public static String revision(StatefulSet set, String templateHash) {
        return set.getMetadata().getName() + "-" + templateHash;
    }

    /** Pod {@code ordinal} of the set at {@code revision}, its claim templates mounted as its own claims. */
    public static Pod pod(StatefulSet set, int ordinal, String revision) {
        PodTemplateSpec template = set.getSpec().getTemplate();
        PodTemplateSpec copy = PodTemplates.copy(template);
        Map<String, String> labels = copy.getMetadata() == null || copy.getMetadata().getLabels() == null
                ? new HashMap<>() : new HashMap<>(copy.getMetadata().getLabels());
        String name = podName(set, ordinal);
        labels.put(POD_NAME_LABEL, name);
        labels.put(REVISION_LABEL, revision);
        labels.put(POD_INDEX_LABEL, Integer.toString(ordinal));
        Map<String, String> annotations = copy.getMetadata() == null ? null : copy.getMetadata().getAnnotations();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(name)
                    .withNamespace(set.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(annotations == null || annotations.isEmpty() ? null : new HashMap<>(annotations))
                    .withOwnerReferences(Owners.controllerReference(set))
                .endMetadata()
                .withSpec(copy.getSpec())
                .build();
        pod.getSpec().setHostname(name);
        if (set.getSpec().getServiceName() != null && !set.getSpec().getServiceName().isEmpty()) {
            pod.getSpec().setSubdomain(set.getSpec().getServiceName());
        }
        List<PersistentVolumeClaim> claims = claimTemplates(set);
        if (!claims.isEmpty()) {
            List<Volume> volumes = new ArrayList<>(pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes());
            for (PersistentVolumeClaim claim : claims) {
                String volume = claim.getMetadata().getName();
                volumes.removeIf(existing -> volume.equals(existing.getName()));
                volumes.add(new VolumeBuilder().withName(volume).withNewPersistentVolumeClaim()
                        .withClaimName(claimName(volume, set, ordinal)).endPersistentVolumeClaim().build());
            }
            pod.getSpec().setVolumes(volumes);
        }
        return pod;
    }

    /**
     * The claims pod {@code ordinal} needs, labelled with the set's selector labels. They carry no owner reference, so
     * they outlive the pod and a scale-down (Kubernetes' default retention policy: Retain).
     */
    public static List<PersistentVolumeClaim> claims(StatefulSet set, int ordinal) {
        Map<String, String> selectorLabels = set.getSpec().getSelector() == null
                || set.getSpec().getSelector().getMatchLabels() == null ? Map.of() : set.getSpec().getSelector().getMatchLabels();
        return claimTemplates(set).stream().map(template -> {
            PersistentVolumeClaim claim = PodTemplates.copy(template);
            Map<String, String> labels = new HashMap<>(claim.getMetadata().getLabels() == null ? Map.of() : claim.getMetadata().getLabels());
            labels.putAll(selectorLabels);
            return new PersistentVolumeClaimBuilder(claim)
                    .editMetadata()
                        .withName(claimName(template.getMetadata().getName(), set, ordinal))
                        .withNamespace(set.getMetadata().getNamespace())
                        .withLabels(labels)
                        .withResourceVersion(null)
                        .withUid(null)
                        .withCreationTimestamp(null)
                    .endMetadata()
                    .withStatus(null)
                    .build();
        }).toList();
    }

    private static List<PersistentVolumeClaim> claimTemplates(StatefulSet set) {
        return set.getSpec().getVolumeClaimTemplates() == null ? List.of() : set.getSpec().getVolumeClaimTemplates();
    }
}
