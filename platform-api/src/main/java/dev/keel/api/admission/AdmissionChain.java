package dev.keel.api.admission;

import dev.keel.api.status.Statuses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the admission plugins in the order {@link AdmissionPlugins} names them: every mutating plugin, then the
 * schema-validating ones, then every validating one. Field errors of a validating stage fail the request with 422
 * (the schema stage's before the validating plugins run, as kube-apiserver validates before validating admission).
 */
public class AdmissionChain {

    private static final Logger log = LoggerFactory.getLogger(AdmissionChain.class);

    private final List<MutatingAdmission> mutating;
    private final List<ValidatingAdmission> schemaValidating;
    private final List<ValidatingAdmission> validating;

    public AdmissionChain(List<MutatingAdmission> mutating, List<ValidatingAdmission> schemaValidating,
            List<ValidatingAdmission> validating) {
        this.mutating = List.copyOf(mutating);
        this.schemaValidating = List.copyOf(schemaValidating);
        this.validating = List.copyOf(validating);
    }

    /** The given plugins in the given order, without a schema stage (for tests that pick their plugins). */
    public AdmissionChain(List<MutatingAdmission> mutating, List<ValidatingAdmission> validating) {
        this(mutating, List.of(), validating);
    }

    /**
     * The chain of {@code plugins} in the order {@code order} gives.
     *
     * @throws IllegalStateException when a plugin's name is not in {@code order}, or two plugins share a name
     */
    public static AdmissionChain ordered(AdmissionPlugins order, Collection<? extends MutatingAdmission> mutating,
            Collection<? extends ValidatingAdmission> validating) {
        Map<String, MutatingAdmission> mutatingByName = byName(mutating, MutatingAdmission::name);
        Map<String, ValidatingAdmission> validatingByName = byName(validating, ValidatingAdmission::name);
        requireListed(mutatingByName.keySet(), order.mutating(), "mutating");
        List<String> allValidating = new ArrayList<>(order.schemaValidating());
        allValidating.addAll(order.validating());
        requireListed(validatingByName.keySet(), allValidating, "validating");
        return new AdmissionChain(pick(order.mutating(), mutatingByName), pick(order.schemaValidating(), validatingByName),
                pick(order.validating(), validatingByName));
    }

    /** The names of the plugins, in the order they run: mutating, schema validating, validating. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        mutating.forEach(plugin -> names.add(plugin.name()));
        schemaValidating.forEach(plugin -> names.add(plugin.name()));
        validating.forEach(plugin -> names.add(plugin.name()));
        return names;
    }

    public void admit(AdmissionRequest request) {
        try {
            for (MutatingAdmission plugin : mutating) {
                plugin.mutate(request);
            }
            validate(request, schemaValidating);
            validate(request, validating);
        } catch (RuntimeException e) {
            request.rollback();
            throw e;
        }
    }

    private static void validate(AdmissionRequest request, List<ValidatingAdmission> plugins) {
        FieldErrors errors = new FieldErrors();
        List<String> refusedBy = new ArrayList<>();
        for (ValidatingAdmission plugin : plugins) {
            int before = errors.size();
            plugin.validate(request, errors);
            if (errors.size() > before) {
                refusedBy.add(plugin.name());
            }
        }
        if (!errors.isEmpty()) {
            String name = request.object() != null && request.object().getMetadata() != null
                    ? request.object().getMetadata().getName() : null;
            log.debug("Admission refused {} {} {}: {} by {}", request.operation(), request.type().qualifiedName(),
                    name, errors.size() == 1 ? "one error" : errors.size() + " errors", refusedBy);
            throw Statuses.invalid(request.type().group(), request.type().kind(), name == null ? "" : name, errors.causes());
        }
    }

    private static <T> Map<String, T> byName(Collection<? extends T> plugins, Function<T, String> name) {
        Map<String, T> byName = new HashMap<>();
        for (T plugin : plugins) {
            T other = byName.put(name.apply(plugin), plugin);
            if (other != null) {
                throw new IllegalStateException("two admission plugins are named " + name.apply(plugin) + ": "
                        + other.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        return byName;
    }

    private static void requireListed(Collection<String> names, List<String> listed, String stage) {
        for (String name : names) {
            if (!listed.contains(name)) {
                throw new IllegalStateException("admission plugin " + name + " is not in the " + stage
                        + " order of AdmissionPlugins: add its name where it must run");
            }
        }
    }

    private static <T> List<T> pick(List<String> order, Map<String, T> byName) {
        List<T> picked = new ArrayList<>();
        for (String name : order) {
            T plugin = byName.get(name);
            if (plugin != null) {
                picked.add(plugin);
            }
        }
        return picked;
    }
}
