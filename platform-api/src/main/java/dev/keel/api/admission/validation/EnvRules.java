package dev.keel.api.admission.validation;

import dev.keel.api.admission.FieldErrors;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.ObjectFieldSelector;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A container's environment: variable names and where their values come from. */
public final class EnvRules {

    /** Pod fields the downward API can put into an environment variable. */
    private static final List<String> DOWNWARD_FIELDS = List.of("metadata.name", "metadata.namespace", "metadata.uid",
            "spec.nodeName", "spec.serviceAccountName", "status.hostIP", "status.hostIPs", "status.podIP", "status.podIPs");
    private static final Pattern SUBSCRIPTED = Pattern.compile("metadata\\.(labels|annotations)\\['(.*)'\\]");

    private EnvRules() {
    }

    public static void env(FieldErrors errors, String path, List<EnvVar> env) {
        if (env == null) {
            return;
        }
        for (int i = 0; i < env.size(); i++) {
            EnvVar variable = env.get(i);
            String itemPath = path + "[" + i + "]";
            String name = variable.getName();
            if (name == null || name.isEmpty()) {
                errors.required(itemPath + ".name", "");
            } else {
                errors.invalidEach(itemPath + ".name", name, NameRules.envVarName(name));
            }
            valueFrom(errors, itemPath + ".valueFrom", variable);
        }
    }

    public static void envFrom(FieldErrors errors, String path, List<EnvFromSource> sources) {
        if (sources == null) {
            return;
        }
        for (int i = 0; i < sources.size(); i++) {
            EnvFromSource source = sources.get(i);
            String itemPath = path + "[" + i + "]";
            if (source.getPrefix() != null && !source.getPrefix().isEmpty()) {
                errors.invalidEach(itemPath + ".prefix", source.getPrefix(), NameRules.envVarName(source.getPrefix()));
            }
            int count = (source.getConfigMapRef() != null ? 1 : 0) + (source.getSecretRef() != null ? 1 : 0);
            if (count == 0) {
                errors.invalid(itemPath, "", "must specify one of: `configMapRef` or `secretRef`");
            } else if (count > 1) {
                errors.invalid(itemPath, "", "may not have more than one field specified at a time");
            }
            if (source.getConfigMapRef() != null && blank(source.getConfigMapRef().getName())) {
                errors.required(itemPath + ".configMapRef.name", "");
            }
            if (source.getSecretRef() != null && blank(source.getSecretRef().getName())) {
                errors.required(itemPath + ".secretRef.name", "");
            }
        }
    }

    private static void valueFrom(FieldErrors errors, String path, EnvVar variable) {
        EnvVarSource source = variable.getValueFrom();
        if (source == null) {
            return;
        }
        int count = 0;
        if (source.getFieldRef() != null) {
            count++;
            fieldRef(errors, path + ".fieldRef", source.getFieldRef());
        }
        if (source.getResourceFieldRef() != null) {
            count++;
            if (blank(source.getResourceFieldRef().getResource())) {
                errors.required(path + ".resourceFieldRef.resource", "");
            }
        }
        if (source.getConfigMapKeyRef() != null) {
            count++;
            ConfigMapKeySelector ref = source.getConfigMapKeyRef();
            keyRef(errors, path + ".configMapKeyRef", ref.getName(), ref.getKey());
        }
        if (source.getSecretKeyRef() != null) {
            count++;
            SecretKeySelector ref = source.getSecretKeyRef();
            keyRef(errors, path + ".secretKeyRef", ref.getName(), ref.getKey());
        }
        if (count == 0) {
            errors.invalid(path, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`");
        } else if (!blank(variable.getValue())) {
            errors.invalid(path, "", "may not be specified when `value` is not empty");
        } else if (count > 1) {
            errors.invalid(path, "", "may not have more than one field specified at a time");
        }
    }

    private static void fieldRef(FieldErrors errors, String path, ObjectFieldSelector selector) {
        if (blank(selector.getApiVersion())) {
            errors.required(path + ".apiVersion", "");
        }
        String fieldPath = selector.getFieldPath();
        if (blank(fieldPath)) {
            errors.required(path + ".fieldPath", "");
            return;
        }
        Matcher subscripted = SUBSCRIPTED.matcher(fieldPath);
        if (subscripted.matches()) {
            String key = subscripted.group(2);
            errors.invalidEach(path + ".fieldPath", key, NameRules.qualifiedName(key.toLowerCase(Locale.ROOT)));
        } else if (!DOWNWARD_FIELDS.contains(fieldPath)) {
            errors.notSupported(path + ".fieldPath", fieldPath, DOWNWARD_FIELDS);
        }
    }

    private static void keyRef(FieldErrors errors, String path, String name, String key) {
        if (blank(name)) {
            errors.required(path + ".name", "");
        }
        if (blank(key)) {
            errors.required(path + ".key", "");
        } else {
            errors.invalidEach(path + ".key", key, NameRules.configMapKey(key));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
