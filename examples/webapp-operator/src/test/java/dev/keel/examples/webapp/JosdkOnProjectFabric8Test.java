package dev.keel.examples.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.config.runtime.DefaultConfigurationService;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * java-operator-sdk 5.2.3 is built against fabric8 7.5.2; the project runs fabric8 7.9.0 (its BOM wins). Every fabric8
 * class, method and field JOSDK's bytecode refers to must exist on the fabric8 this module runs, with the same
 * descriptor, or JOSDK fails at run time with a NoSuchMethodError. A fabric8 or JOSDK upgrade that breaks that fails
 * here, naming the member.
 */
class JosdkOnProjectFabric8Test {

    @Test
    void everyFabric8MemberJosdkUsesExistsOnTheProjectsFabric8() throws Exception {
        List<ClassFileReferences.Reference> references = new ArrayList<>();
        for (Class<?> inJar : List.of(Operator.class, DefaultConfigurationService.class)) {
            references.addAll(fabric8ReferencesIn(jarOf(inJar)));
        }
        assertThat(references).as("JOSDK's references into fabric8").hasSizeGreaterThan(100);
        String fabric8 = jarOf(KubernetesClient.class).getFileName().toString();
        assertThat(fabric8).as("the fabric8 client on this classpath").startsWith("kubernetes-client-api-7.9.");

        List<String> missing = references.stream().filter(reference -> !resolves(reference)).map(Object::toString)
                .distinct().sorted().toList();
        assertThat(missing).as("fabric8 members JOSDK needs that %s lacks", fabric8).isEmpty();
    }

    @Test
    void theCheckTellsAMissingMemberFromAPresentOne() {
        String client = "io/fabric8/kubernetes/client/KubernetesClient";
        assertThat(resolves(new ClassFileReferences.Reference("InterfaceMethod", client, "apps",
                "()Lio/fabric8/kubernetes/client/dsl/AppsAPIGroupDSL;"))).isTrue();
        assertThat(resolves(new ClassFileReferences.Reference("InterfaceMethod", client, "apps",
                "()Ljava/lang/Object;"))).isFalse();
        assertThat(resolves(new ClassFileReferences.Reference("Method", client, "noSuchMethod", "()V"))).isFalse();
        assertThat(resolves(new ClassFileReferences.Reference("Class", "io/fabric8/NoSuchClass", null, null))).isFalse();
        assertThat(resolves(new ClassFileReferences.Reference("InterfaceMethod", client, "toString",
                "()Ljava/lang/String;"))).as("Object's methods on an interface").isTrue();
    }

    private static Path jarOf(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static List<ClassFileReferences.Reference> fabric8ReferencesIn(Path jar) throws IOException {
        List<ClassFileReferences.Reference> references = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class") || entry.getName().endsWith("module-info.class")) {
                    continue;
                }
                byte[] bytes = file.getInputStream(entry).readAllBytes();
                for (ClassFileReferences.Reference reference : ClassFileReferences.of(bytes)) {
                    if (reference.owner().replaceFirst("^\\[+L", "").startsWith("io/fabric8/")) {
                        references.add(reference);
                    }
                }
            }
        }
        return references;
    }

    private static boolean resolves(ClassFileReferences.Reference reference) {
        try {
            String owner = reference.owner();
            if (owner.startsWith("[")) {
                owner = owner.replaceFirst("^\\[+L", "").replaceFirst(";$", "");
            }
            Class<?> type = Class.forName(owner.replace('/', '.'), false, JosdkOnProjectFabric8Test.class.getClassLoader());
            return switch (reference.kind()) {
                case "Class" -> true;
                case "Field" -> hasField(type, reference.name());
                default -> "<init>".equals(reference.name()) ? hasConstructor(type, reference.descriptor())
                        : hasMethod(type, reference.name(), reference.descriptor());
            };
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean hasField(Class<?> type, String name) {
        if (type == null) {
            return false;
        }
        for (Field field : type.getDeclaredFields()) {
            if (field.getName().equals(name)) {
                return true;
            }
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (hasField(implemented, name)) {
                return true;
            }
        }
        return hasField(type.getSuperclass(), name);
    }

    private static boolean hasConstructor(Class<?> type, String descriptor) {
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (descriptor(constructor.getParameterTypes(), void.class).equals(descriptor)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasMethod(Class<?> type, String name, String descriptor) {
        if (type == null) {
            return false;
        }
        for (Method method : type.getDeclaredMethods()) {
            if (method.getName().equals(name)
                    && descriptor(method.getParameterTypes(), method.getReturnType()).equals(descriptor)) {
                return true;
            }
        }
        for (Class<?> implemented : type.getInterfaces()) {
            if (hasMethod(implemented, name, descriptor)) {
                return true;
            }
        }
        // Interfaces inherit Object's public methods (toString, equals) for invokeinterface.
        return hasMethod(type.isInterface() ? Object.class : type.getSuperclass(), name, descriptor);
    }

    private static String descriptor(Class<?>[] parameters, Class<?> returned) {
        StringBuilder text = new StringBuilder("(");
        for (Class<?> parameter : parameters) {
            text.append(parameter.descriptorString());
        }
        return text.append(')').append(returned.descriptorString()).toString();
    }
}
