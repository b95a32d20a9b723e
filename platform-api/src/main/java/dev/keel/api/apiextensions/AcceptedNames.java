package dev.keel.api.apiextensions;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The names a CRD may take, as apiextensions' naming controller decides: a requested name is accepted when it is
 * the one already accepted or no other CRD of the same group has accepted it (plural, singular and short names
 * share one space, kind and listKind another). The last conflict found names the reason.
 */
final class AcceptedNames {

    /** The names to record in status and the NamesAccepted condition (status, reason, message). */
    record Result(CustomResourceDefinitionNames names, String status, String reason, String message) {
    }

    private AcceptedNames() {
    }

    static Result calculate(CustomResourceDefinition crd, Collection<CustomResourceDefinition> all) {
        Set<String> resources = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (CustomResourceDefinition other : all) {
            if (other.getMetadata().getName().equals(crd.getMetadata().getName())
                    || !Objects.equals(other.getSpec().getGroup(), crd.getSpec().getGroup())
                    || other.getStatus() == null || other.getStatus().getAcceptedNames() == null) {
                continue;
            }
            CustomResourceDefinitionNames accepted = other.getStatus().getAcceptedNames();
            addIfSet(resources, accepted.getPlural());
            addIfSet(resources, accepted.getSingular());
            if (accepted.getShortNames() != null) {
                accepted.getShortNames().forEach(n -> addIfSet(resources, n));
            }
            addIfSet(kinds, accepted.getKind());
            addIfSet(kinds, accepted.getListKind());
        }
        CustomResourceDefinitionNames requested = crd.getSpec().getNames();
        CustomResourceDefinitionNames accepted = crd.getStatus() == null || crd.getStatus().getAcceptedNames() == null
                ? new CustomResourceDefinitionNames() : crd.getStatus().getAcceptedNames();
        CustomResourceDefinitionNames names = copy(accepted);
        String reason = null;
        String message = null;
        String conflict = conflict(requested.getPlural(), accepted.getPlural(), resources);
        if (conflict != null) {
            reason = "PluralConflict";
            message = conflict;
        } else {
            names.setPlural(requested.getPlural());
        }
        conflict = conflict(requested.getSingular(), accepted.getSingular(), resources);
        if (conflict != null) {
            reason = "SingularConflict";
            message = conflict;
        } else {
            names.setSingular(requested.getSingular());
        }
        List<String> requestedShort = requested.getShortNames() == null ? List.of() : requested.getShortNames();
        List<String> acceptedShort = accepted.getShortNames() == null ? List.of() : accepted.getShortNames();
        if (!requestedShort.equals(acceptedShort)) {
            List<String> conflicts = new ArrayList<>();
            for (String shortName : requestedShort) {
                if (!acceptedShort.contains(shortName) && resources.contains(shortName)) {
                    conflicts.add("\"" + shortName + "\" is already in use");
                }
            }
            if (!conflicts.isEmpty()) {
                reason = "ShortNamesConflict";
                message = conflicts.size() == 1 ? conflicts.get(0) : "[" + String.join(", ", conflicts) + "]";
            } else {
                names.setShortNames(requested.getShortNames());
            }
        }
        conflict = conflict(requested.getKind(), accepted.getKind(), kinds);
        if (conflict != null) {
            reason = "KindConflict";
            message = conflict;
        } else {
            names.setKind(requested.getKind());
        }
        conflict = conflict(requested.getListKind(), accepted.getListKind(), kinds);
        if (conflict != null) {
            reason = "ListKindConflict";
            message = conflict;
        } else {
            names.setListKind(requested.getListKind());
        }
        names.setCategories(requested.getCategories());
        if (reason == null) {
            return new Result(names, "True", "NoConflicts", "no conflicts found");
        }
        return new Result(names, "False", reason, message);
    }

    static boolean same(CustomResourceDefinitionNames a, CustomResourceDefinitionNames b) {
        return a != null && b != null && Objects.equals(a.getPlural(), b.getPlural())
                && Objects.equals(a.getSingular(), b.getSingular()) && Objects.equals(a.getKind(), b.getKind())
                && Objects.equals(a.getListKind(), b.getListKind())
                && Objects.equals(orEmpty(a.getShortNames()), orEmpty(b.getShortNames()))
                && Objects.equals(orEmpty(a.getCategories()), orEmpty(b.getCategories()));
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static String conflict(String requested, String accepted, Set<String> used) {
        if (Objects.equals(requested, accepted) || !used.contains(requested)) {
            return null;
        }
        return "\"" + requested + "\" is already in use";
    }

    private static void addIfSet(Set<String> names, String name) {
        if (name != null && !name.isEmpty()) {
            names.add(name);
        }
    }

    private static CustomResourceDefinitionNames copy(CustomResourceDefinitionNames names) {
        CustomResourceDefinitionNames copy = new CustomResourceDefinitionNames();
        copy.setPlural(names.getPlural());
        copy.setSingular(names.getSingular());
        copy.setKind(names.getKind());
        copy.setListKind(names.getListKind());
        copy.setShortNames(names.getShortNames() == null ? null : new ArrayList<>(names.getShortNames()));
        copy.setCategories(names.getCategories() == null ? null : new ArrayList<>(names.getCategories()));
        return copy;
    }
}
