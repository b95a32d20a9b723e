package dev.keel.api.apiextensions.schema;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelRuntime.CelFunctionBinding;
import dev.keel.api.cel.KubernetesLists;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The parts of Kubernetes' CEL libraries cel-java does not ship that CRD validation rules use: the lists library
 * (shared with admission, {@link KubernetesLists}) and the regex library ({@code find}, {@code findAll}, RE2
 * semantics as in Go).
 */
final class KubernetesCelLibrary {

    private static final CelType LIST_STRING = ListType.create(SimpleType.STRING);

    static final List<CelFunctionDecl> DECLARATIONS = Stream.concat(KubernetesLists.declarations().stream(), Stream.of(
            CelFunctionDecl.newFunctionDeclaration("find",
                    CelOverloadDecl.newMemberOverload("k8s_string_find", SimpleType.STRING, SimpleType.STRING,
                            SimpleType.STRING)),
            CelFunctionDecl.newFunctionDeclaration("findAll",
                    CelOverloadDecl.newMemberOverload("k8s_string_find_all", LIST_STRING, SimpleType.STRING,
                            SimpleType.STRING),
                    CelOverloadDecl.newMemberOverload("k8s_string_find_all_n", LIST_STRING, SimpleType.STRING,
                            SimpleType.STRING, SimpleType.INT)))).toList();

    static final List<CelFunctionBinding> BINDINGS = Stream.concat(KubernetesLists.bindings().stream(), Stream.of(
            CelFunctionBinding.from("k8s_string_find", String.class, String.class, KubernetesCelLibrary::find),
            CelFunctionBinding.from("k8s_string_find_all", String.class, String.class,
                    (text, regex) -> findAll(text, regex, -1)),
            CelFunctionBinding.from("k8s_string_find_all_n", List.of(String.class, String.class, Long.class),
                    args -> findAll((String) args[0], (String) args[1], (Long) args[2])))).toList();

    private KubernetesCelLibrary() {
    }

    private static Object find(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.find() ? matcher.group() : "";
    }

    private static Object findAll(String text, String regex, long limit) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        List<String> found = new ArrayList<>();
        while ((limit < 0 || found.size() < limit) && matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
