package dev.keel.api.apiextensions.schema;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The parts of Kubernetes' CEL libraries cel-java does not ship: the lists library ({@code isSorted}, {@code sum},
 * {@code min}, {@code max}, {@code indexOf}, {@code lastIndexOf}) and the regex library ({@code find},
 * {@code findAll}, RE2 semantics as in Go).
 */
final class KubernetesCelLibrary {

    private static final CelType T = TypeParamType.create("T");
    private static final CelType LIST_T = ListType.create(T);
    private static final CelType LIST_STRING = ListType.create(SimpleType.STRING);

    static final List<CelFunctionDecl> DECLARATIONS = List.of(
            CelFunctionDecl.newFunctionDeclaration("isSorted",
                    CelOverloadDecl.newMemberOverload("k8s_list_is_sorted", SimpleType.BOOL, LIST_T)),
            CelFunctionDecl.newFunctionDeclaration("sum",
                    CelOverloadDecl.newMemberOverload("k8s_list_sum", T, LIST_T)),
            CelFunctionDecl.newFunctionDeclaration("min",
                    CelOverloadDecl.newMemberOverload("k8s_list_min", T, LIST_T)),
            CelFunctionDecl.newFunctionDeclaration("max",
                    CelOverloadDecl.newMemberOverload("k8s_list_max", T, LIST_T)),
            CelFunctionDecl.newFunctionDeclaration("indexOf",
                    CelOverloadDecl.newMemberOverload("k8s_list_index_of", SimpleType.INT, LIST_T, T)),
            CelFunctionDecl.newFunctionDeclaration("lastIndexOf",
                    CelOverloadDecl.newMemberOverload("k8s_list_last_index_of", SimpleType.INT, LIST_T, T)),
            CelFunctionDecl.newFunctionDeclaration("find",
                    CelOverloadDecl.newMemberOverload("k8s_string_find", SimpleType.STRING, SimpleType.STRING,
                            SimpleType.STRING)),
            CelFunctionDecl.newFunctionDeclaration("findAll",
                    CelOverloadDecl.newMemberOverload("k8s_string_find_all", LIST_STRING, SimpleType.STRING,
                            SimpleType.STRING),
                    CelOverloadDecl.newMemberOverload("k8s_string_find_all_n", LIST_STRING, SimpleType.STRING,
                            SimpleType.STRING, SimpleType.INT)));

    static final List<CelFunctionBinding> BINDINGS = List.of(
            CelFunctionBinding.from("k8s_list_is_sorted", List.class, KubernetesCelLibrary::isSorted),
            CelFunctionBinding.from("k8s_list_sum", List.class, KubernetesCelLibrary::sum),
            CelFunctionBinding.from("k8s_list_min", List.class, list -> extreme(list, -1, "min")),
            CelFunctionBinding.from("k8s_list_max", List.class, list -> extreme(list, 1, "max")),
            CelFunctionBinding.from("k8s_list_index_of", List.class, Object.class, KubernetesCelLibrary::indexOf),
            CelFunctionBinding.from("k8s_list_last_index_of", List.class, Object.class,
                    KubernetesCelLibrary::lastIndexOf),
            CelFunctionBinding.from("k8s_string_find", String.class, String.class, KubernetesCelLibrary::find),
            CelFunctionBinding.from("k8s_string_find_all", String.class, String.class,
                    (text, regex) -> findAll(text, regex, -1)),
            CelFunctionBinding.from("k8s_string_find_all_n", List.of(String.class, String.class, Long.class),
                    args -> findAll((String) args[0], (String) args[1], (Long) args[2])));

    private KubernetesCelLibrary() {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object isSorted(List<?> list) {
        for (int i = 1; i < list.size(); i++) {
            if (((Comparable) list.get(i - 1)).compareTo(list.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private static Object sum(List<?> list) {
        if (list.isEmpty()) {
            return 0L;
        }
        if (list.get(0) instanceof Double) {
            double total = 0;
            for (Object v : list) {
                total += ((Number) v).doubleValue();
            }
            return total;
        }
        long total = 0;
        for (Object v : list) {
            total = Math.addExact(total, ((Number) v).longValue());
        }
        return total;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object extreme(List<?> list, int sign, String name) throws CelEvaluationException {
        if (list.isEmpty()) {
            throw new IllegalArgumentException(name + " called on empty list");
        }
        Object best = list.get(0);
        for (Object v : list) {
            if (((Comparable) v).compareTo(best) * sign > 0) {
                best = v;
            }
        }
        return best;
    }

    private static Object indexOf(List<?> list, Object value) {
        for (int i = 0; i < list.size(); i++) {
            if (Objects.equals(list.get(i), value)) {
                return (long) i;
            }
        }
        return -1L;
    }

    private static Object lastIndexOf(List<?> list, Object value) {
        for (int i = list.size() - 1; i >= 0; i--) {
            if (Objects.equals(list.get(i), value)) {
                return (long) i;
            }
        }
        return -1L;
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
